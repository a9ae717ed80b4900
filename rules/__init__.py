"""The shipped profiles (TOML data only); installed as the package ``tcns_cli.rules``."""
