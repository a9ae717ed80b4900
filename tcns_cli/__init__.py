"""tcns: plan and check community digital technology teams (Tổ công nghệ số cộng đồng)."""

__version__ = "0.1.0"
