"""Every user-facing sentence, Vietnamese first, English second, in one table."""

from __future__ import annotations

import os
from typing import Any, NamedTuple


class Localized(NamedTuple):
    """A parameter value that is itself words: Vietnamese and English."""

    vi: str
    en: str

LANGS = ("vi", "en")

# key: (Vietnamese, English). Placeholders use str.format names.
CATALOG: dict[str, tuple[str, str]] = {
    # Fatal input problems (exit 2).
    "INPUT_ERRORS": (
        "Có {count} lỗi trong dữ liệu đầu vào; chưa ghi tệp nào. Sửa các ô nêu trên rồi chạy lại.",
        "{count} error(s) in the input; nothing was written. Fix the cells listed above and run "
        "again.",
    ),
    "FILE_NOT_FOUND": (
        "Không tìm thấy tệp {file}. Kiểm tra lại đường dẫn.",
        "File {file} does not exist. Check the path.",
    ),
    "FOLDER_EMPTY": (
        "Thư mục {file} không có tệp bảng tính nào (.xlsx, .xls, .ods, .csv, .txt).",
        "Folder {file} holds no spreadsheet (.xlsx, .xls, .ods, .csv, .txt).",
    ),
    "UNSUPPORTED_FORMAT": (
        "Tệp {file} không phải bảng tính tcns đọc được (.xlsx, .xlsm, .xls, .ods, .csv, .tsv, "
        ".txt).",
        "File {file} is not a spreadsheet tcns reads (.xlsx, .xlsm, .xls, .ods, .csv, .tsv, .txt).",
    ),
    "CORRUPT_FILE": (
        "Không đọc được tệp {file}: tệp bị hỏng hoặc không đúng định dạng {kind}. Mở tệp bằng "
        "Excel rồi lưu lại ({detail}).",
        "Cannot read {file}: it is damaged or not really a {kind} file. Open it in Excel and save "
        "it again ({detail}).",
    ),
    "PASSWORD_PROTECTED": (
        "Tệp {file} được đặt mật khẩu. Mở bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ "
        "làm việc) rồi lưu lại.",
        "The file {file} is password protected. Open it in Excel, remove the password "
        "(File → Info → Protect Workbook) and save it again.",
    ),
    "FILE_TOO_LARGE": (
        "Tệp {file} quá lớn ({size_mb} MB, giới hạn {limit_mb} MB; đặt TCNS_MAX_FILE_MB để đổi).",
        "File {file} is too large ({size_mb} MB, limit {limit_mb} MB; set TCNS_MAX_FILE_MB to "
        "change it).",
    ),
    "FILE_EMPTY": (
        "Tệp {file} không có dữ liệu.",
        "File {file} holds no data.",
    ),
    "TEXT_ENCODING": (
        "Tệp {file} không phải UTF-8 hay UTF-16, và đọc theo các bảng mã cũ (Windows-1252, "
        "Windows-1258, TCVN3, VNI) cũng không thấy dòng tiêu đề. Lưu lại tệp với mã hóa UTF-8 "
        "(Excel: CSV UTF-8).",
        "File {file} is neither UTF-8 nor UTF-16, and read in the legacy encodings "
        "(Windows-1252, Windows-1258, TCVN3, VNI) it shows no header row either. Save it again "
        "as UTF-8 (Excel: CSV UTF-8).",
    ),
    "NO_UNIT_SHEET": (
        "Không tìm thấy bảng danh sách tổ trong {file}: cần một dòng tiêu đề có cột \"Số hộ\" "
        "trong 30 dòng đầu của một trang tính.",
        "No unit table in {file}: a sheet needs a header row with a \"Số hộ\" (households) "
        "column within its first 30 rows.",
    ),
    "IS_TCNS_OUTPUT": (
        "{file} là tệp kết quả do tcns ghi, không phải danh sách thôn, tổ dân phố của xã, "
        "phường. Hãy đưa tệp danh sách đó; để kiểm tra danh sách thành viên, dùng tcns validate.",
        "{file} is a workbook tcns wrote, not the ward's unit list. Give the unit file; to "
        "check a team list, use tcns validate.",
    ),
    "NO_UNITS": (
        "{file}: bảng danh sách tổ chưa có dòng dữ liệu nào (dòng ví dụ, dòng tổng không tính).",
        "{file}: the unit table holds no data rows (example and total rows do not count).",
    ),
    "NO_PEOPLE_SHEET": (
        "Không tìm thấy danh sách nhân sự trong {file}: cần cột \"Họ và tên\" và cột \"Đoàn thể\" "
        "hoặc \"Chức vụ\".",
        "No people table in {file}: it needs a \"Họ và tên\" (name) column and a \"Đoàn thể\" "
        "(organisation) or \"Chức vụ\" (position) column.",
    ),
    "OUTPUT_EXISTS": (
        "Tệp {file} đã có. Thêm --force để ghi đè, hoặc chọn tên khác với -o.",
        "{file} already exists. Add --force to replace it, or choose another name with -o.",
    ),
    "OUTPUT_IS_INPUT": (
        "Không ghi đè lên tệp đầu vào {file}. Chọn tên khác với -o.",
        "Will not write over the input file {file}. Choose another name with -o.",
    ),
    "OUTPUT_NOT_WRITABLE": (
        "Không ghi được {file}: {detail}.",
        "Cannot write {file}: {detail}.",
    ),
    "MAP_NOT_FOLDER": (
        "{file} là một tệp, không phải thư mục: --map cần một thư mục để ghi sơ đồ. Chọn thư "
        "mục khác.",
        "{file} is a file, not a folder: --map needs a folder to write the pictures in. Choose "
        "another folder.",
    ),
    "MAP_NOT_WRITABLE": (
        "Không ghi được sơ đồ vào thư mục {file}: không có quyền ghi. Chọn thư mục khác cho --map.",
        "Cannot write pictures in {file}: no permission to write there. Choose another folder "
        "for --map.",
    ),
    "MAP_EXISTS": (
        "Sơ đồ {file} đã có. Thêm --force để ghi đè, hoặc chọn thư mục khác cho --map.",
        "The picture {file} already exists. Add --force to replace it, or choose another "
        "folder for --map.",
    ),
    "BAD_LANG": (
        "Ngôn ngữ không hỗ trợ: {lang} (chọn vi hoặc en).",
        "Unsupported language: {lang} (use vi or en).",
    ),
    # Profiles.
    "AREA_TOO_LARGE": (
        "{ward_title}: {area} có {count} {units}, nhiều hơn mọi địa bàn ghép tổ có thật (tối đa "
        "{limit}). Có lẽ tệp thiếu cột xã/phường hoặc cột khu phố, thôn nên nhiều nơi bị đọc "
        "thành một. Hãy kiểm tra tệp; nếu đúng là như vậy, thêm --max-area-units {count}. "
        "Chưa ghi tệp nào.",
        "{ward_title}: {area} has {count} units, more than any real pairing area (at most "
        "{limit}). The file may lack its ward or khu phố column, so that many places were read "
        "as one. Check the file; if it is right, add --max-area-units {count}. Nothing was "
        "written.",
    ),
    "PROFILE_NOT_FOUND": (
        "Không có bộ quy tắc \"{ref}\". Các bộ có sẵn: {known}; hoặc đưa đường dẫn tệp .toml.",
        "No profile \"{ref}\". Shipped profiles: {known}; or give the path of a .toml file.",
    ),
    "PROFILE_SYNTAX": (
        "Tệp quy tắc {file} sai cú pháp TOML: {detail}",
        "Profile {file} is not valid TOML: {detail}",
    ),
    "PROFILE_UNKNOWN_KEY": (
        "Tệp quy tắc {file}: khóa \"{key}\" không hợp lệ (các khóa được dùng: {known}).",
        "Profile {file}: unknown key \"{key}\" (known keys: {known}).",
    ),
    "PROFILE_MISSING_KEY": (
        "Tệp quy tắc {file}: thiếu khóa \"{key}\".",
        "Profile {file}: the key \"{key}\" is missing.",
    ),
    "PROFILE_BAD_TYPE": (
        "Tệp quy tắc {file}: khóa \"{key}\" phải là {expected}.",
        "Profile {file}: \"{key}\" must be {expected}.",
    ),
    "PROFILE_BAD_VALUE": (
        "Tệp quy tắc {file}: giá trị của \"{key}\" không hợp lệ; chọn một trong: {allowed}.",
        "Profile {file}: invalid value for \"{key}\"; choose one of: {allowed}.",
    ),
    "PROFILE_ERRORS": (
        "Tệp quy tắc có {count} lỗi:",
        "The profile has {count} mistakes:",
    ),
    "PROFILE_MIN_OVER_MAX": (
        "Tệp quy tắc {file}: members.min_team_size ({low}) lớn hơn members.max_team_size "
        "({high}).",
        "Profile {file}: members.min_team_size ({low}) is above members.max_team_size ({high}).",
    ),
    "PROFILE_BAD_ORGANIZATION": (
        "Tệp quy tắc {file}: \"{key}\" có \"{value}\" không phải mã đoàn thể; dùng: {allowed}.",
        "Profile {file}: \"{key}\" holds \"{value}\", not an organisation id; use: {allowed}.",
    ),
    "PROFILE_NEGATIVE": (
        "Tệp quy tắc {file}: \"{key}\" = {value} không được âm.",
        "Profile {file}: \"{key}\" = {value} must not be negative.",
    ),
    # Findings while reading.
    "MISSING_HOUSEHOLDS": (
        "Thiếu số hộ.",
        "The household count is missing.",
    ),
    "BAD_HOUSEHOLDS": (
        "Số hộ \"{value}\" không hợp lệ: cần một số nguyên không âm.",
        "Household count \"{value}\" is not valid: it must be a whole number ≥ 0.",
    ),
    "MISSING_UNIT_LABEL": (
        "Dòng thiếu tên đơn vị (thôn, ấp, bản, tổ dân phố, khu phố…).",
        "The row has no unit label (thôn, ấp, bản, tổ dân phố, khu phố…).",
    ),
    "MIXED_DELIMITER": (
        "Cả dòng nằm trong một ô (\"{value}\"): dòng này dùng dấu phân cách khác phần còn lại "
        "của tệp. Sửa dấu phân cách cho giống các dòng khác.",
        "The whole line sits in one cell (\"{value}\"): it uses another separator than the "
        "rest of the file. Use the same separator as the other lines.",
    ),
    "SECTION_ROW_SKIPPED": (
        "Bỏ qua dòng tiêu đề nhóm \"{value}\".",
        "Skipped the section heading \"{value}\".",
    ),
    "DUPLICATE_UNIT": (
        "{unit} đã có ở dòng {first_row}.",
        "{unit} already appears on row {first_row}.",
    ),
    "LEGACY_ENCODING": (
        "Chữ ở đây được gõ bằng bảng mã cũ {encoding} và đã được chuyển sang Unicode. Kiểm tra "
        "lại họ tên trong tệp kết quả.",
        "This text was typed in the legacy {encoding} encoding and was converted to Unicode. "
        "Check the names in the output.",
    ),
    "MOJIBAKE_REPAIRED": (
        "Chữ bị lỗi mã hóa (tệp UTF-8 bị mở rồi lưu lại theo bảng mã Windows-1252, ví dụ "
        "\"Tá»•\" thay cho \"Tổ\") đã được sửa lại.",
        "Text broken by a wrong encoding (a UTF-8 file opened and saved again as Windows-1252, "
        "e.g. \"Tá»•\" for \"Tổ\") was repaired.",
    ),
    "MOJIBAKE_LOST": (
        "Ô này bị mất chữ khi tệp bị lưu sai bảng mã (\"{value}\"): gõ lại đúng nội dung.",
        "Letters of this cell were lost when the file was saved in a wrong encoding "
        "(\"{value}\"): type it again.",
    ),
    "TOTAL_ROW_SKIPPED": (
        "Bỏ qua dòng tổng \"{value}\".",
        "Skipped the total row \"{value}\".",
    ),
    "EXAMPLE_ROW_SKIPPED": (
        "Bỏ qua dòng ví dụ của mẫu nhập liệu.",
        "Skipped an example row of the template.",
    ),
    "TEMPLATE_WRITTEN": (
        "Đã ghi mẫu nhập liệu {file}. Điền trang \"Danh sách tổ\" và \"Nhân sự\", rồi chạy: "
        "tcns plan {file}",
        "Wrote the input template {file}. Fill in \"Danh sách tổ\" and \"Nhân sự\", then run: "
        "tcns plan {file}",
    ),
    "ROWS_AFTER_TOTAL": (
        "Bỏ qua {count} dòng sau dòng \"Tổng cộng\" (chữ ký, ghi chú).",
        "Ignored {count} row(s) below the grand total (signatures, notes).",
    ),
    "BAD_PHONE": (
        "{name}: số điện thoại {problem}.",
        "{name}: the phone {problem}.",
    ),
    "UNKNOWN_ORGANIZATION": (
        "Không nhận ra đoàn thể \"{value}\": người này không được chọn làm thành viên.",
        "Unknown organisation \"{value}\": this person is not picked as a member.",
    ),
    "BAD_BIRTH_YEAR": (
        "Năm sinh \"{value}\" không đọc được.",
        "Birth year \"{value}\" cannot be read.",
    ),
    "BAD_COORDINATE": (
        "Tọa độ \"{value}\" không hợp lệ; tổ này được coi như không có tọa độ.",
        "Coordinate \"{value}\" is not valid; the unit is treated as having none.",
    ),
    "PERSON_UNKNOWN_UNIT": (
        "{name}: {unit} không có trong danh sách của {in_ward}.",
        "{name}: {unit} is not in the unit list of {in_ward}.",
    ),
    "PERSON_NO_NAME": (
        "Dòng có thông tin nhưng thiếu họ tên; bỏ qua.",
        "The row has data but no name; skipped.",
    ),
    "SEVERAL_LEADERS": (
        "{unit} có nhiều {leader}; dùng {name} (dòng đầu tiên).",
        "Unit {unit} has several leaders; using {name} (the first row).",
    ),
    "WARD_TYPE_UNKNOWN": (
        "Chưa rõ {ward} là xã, phường hay đặc khu{why}: văn bản để trống chỗ này. Ghi rõ, ví dụ "
        "\"Xã {ward}\", ở cột Xã/Phường, trong --ward hoặc ở dòng tiêu đề \"ỦY BAN NHÂN DÂN "
        "XÃ …\".",
        "Whether {ward} is a xã, a phường or a đặc khu is not known{why}: documents leave it "
        "blank. Give it, e.g. \"Xã {ward}\", in the ward column, in --ward or in a title row "
        "\"ỦY BAN NHÂN DÂN XÃ …\".",
    ),
    "WARD_NOT_IN_OFFICIAL_LIST": (
        "{ward} không có trong danh mục xã, phường, đặc khu từ 1/7/2025{closest}; có thể tên "
        "gõ sai, hoặc dữ liệu từ trước khi sắp xếp đơn vị hành chính.",
        "{ward} is not in the official list of communes since 1/7/2025{closest}; the name may "
        "be mistyped, or the data older than the 2025 reorganisation.",
    ),
    # Findings while planning.
    "PROXIMITY_NUMBERING": (
        "{ward_title}: không có tọa độ hay danh sách {units} liền kề; khoảng cách được tính theo "
        "số thứ tự {units}. Thêm cột Vĩ độ / Kinh độ để có phương án tốt hơn.",
        "{ward_title}: no coordinates or neighbours; distance is taken from the unit numbering. "
        "Add latitude / longitude columns for a better plan.",
    ),
    "PARTIAL_COORDINATES": (
        "{ward_title}: {count}/{total} {units} chưa có tọa độ (đầu tiên: {first}), nên không "
        "dùng được khoảng cách thật. Bổ sung Vĩ độ / Kinh độ cho các {units} này.",
        "{ward_title}: {count} of {total} units have no coordinates (first: {first}), so real "
        "distances cannot be used. Add latitude / longitude for them.",
    ),
    "LARGE_WARD": (
        "{ward_title} có {count} {units}, nhiều hơn mọi xã, phường có thật (trên {limit}). Có lẽ "
        "tệp thiếu cột xã/phường nên nhiều xã, phường bị đọc thành một; hãy kiểm tra. Phương "
        "án vẫn được lập.",
        "{ward_title} has {count} units, more than any real ward (over {limit}). The file may "
        "lack its ward column, so that many wards were read as one; please check. The plan is "
        "still made.",
    ),
    "NEIGHBOURS_DISCONNECTED": (
        "{ward_title}: danh sách liền kề không nối hết các {units}; {units} không nối được coi "
        "là xa.",
        "{ward_title}: the neighbours list does not connect every unit; unconnected units count "
        "as far apart.",
    ),
    "UNKNOWN_NEIGHBOUR": (
        "Liền kề \"{value}\" không có trong danh sách của {in_ward}.",
        "Neighbour \"{value}\" is not a unit of {in_ward}.",
    ),
    "JOINED_TEAM": (
        "{unit} là {units} lẻ, được ghép vào tổ công nghệ số {team} của {units} gần nhất "
        "({nearest}); đề nghị rà soát.",
        "{unit} is left over and joins team {team} of its nearest unit ({nearest}); please "
        "review.",
    ),
    "NO_LEADER": (
        "Tổ công nghệ số {team} chưa có tổ trưởng: không có thông tin {leader} của {unit}.",
        "Team {team} has no leader: no leader data for {unit}.",
    ),
    "NO_CANDIDATE": (
        "Tổ công nghệ số {team}: {unit} không có người thuộc đoàn thể để làm thành viên; "
        "còn trống 1 chỗ.",
        "Team {team}: {unit} has no mass-organisation candidate; one slot left open.",
    ),
    "MEMBER_BORROWED": (
        "Tổ công nghệ số {team}: {unit} không có ứng viên; lấy {name} của {from_unit}.",
        "Team {team}: {unit} has no candidate; took {name} of {from_unit}.",
    ),
    "NO_DEPUTY": (
        "Tổ công nghệ số {team}: không tìm được tổ phó theo quy tắc.",
        "Team {team}: no deputy matching the profile was found.",
    ),
    # Validation (SPEC §7).
    "ROSTER_NOT_OF_WARD": (
        "Danh sách tổ hiện có {file} không nêu đơn vị nào của {wards}: danh sách này không phải "
        "của xã, phường này. Hãy chọn đúng tệp danh sách (--current), hoặc đúng tệp dữ liệu.",
        "The current team list {file} names no unit of {wards}: this list is not of this ward. "
        "Choose the right list (--current) or the right data file.",
    ),
    "NO_ROSTER_SHEET": (
        "Không nhận ra danh sách tổ trong {file}: {missing}. tcns đọc ba mẫu: (1) mỗi người một "
        "dòng, có cột \"Mã tổ\" (hoặc \"Tên tổ\") và \"Họ và tên\", như trang \"Danh sách "
        "thành viên\" do tcns plan ghi; (2) mỗi người một dòng, có cột \"Họ và tên\", mỗi tổ mở "
        "đầu bằng một dòng tiêu đề như \"I. Tổ công nghệ số cộng đồng số 1 (Tổ 3, Khu phố 1)\"; "
        "(3) mỗi tổ một dòng, có cột \"Tổ trưởng\" và \"Thành viên 1\", \"Thành viên 2\"… "
        "(hoặc một cột \"Thành viên\" ghi nhiều tên).",
        "No team list recognised in {file}: {missing}. tcns reads three layouts: (1) one row "
        "per person with \"Mã tổ\" (or \"Tên tổ\": the team) and \"Họ và tên\" (name) "
        "columns, like the \"Danh sách thành viên\" sheet tcns plan writes; (2) one row per "
        "person with a \"Họ và tên\" column, each team opened by a heading row such as "
        "\"I. Tổ công nghệ số cộng đồng số 1 (Tổ 3, Khu phố 1)\"; (3) one row per team with "
        "\"Tổ trưởng\" (leader) and \"Thành viên 1\", \"Thành viên 2\"… (members) columns, "
        "or one \"Thành viên\" column listing several names.",
    ),
    "roster_missing_name": (
        "không có cột \"Họ và tên\" hay \"Tổ trưởng\"",
        "no \"Họ và tên\" or \"Tổ trưởng\" column",
    ),
    "roster_missing_members": (
        "có cột \"Tổ trưởng\" nhưng không có cột \"Thành viên\"",
        "a \"Tổ trưởng\" column but no \"Thành viên\" column",
    ),
    "roster_missing_teams": (
        "có cột \"Họ và tên\" nhưng không có cột \"Mã tổ\" hay \"Tên tổ\", và không có dòng "
        "tiêu đề tổ nào phía trên các dòng người",
        "a \"Họ và tên\" column but no \"Mã tổ\" or \"Tên tổ\" column, and no team heading "
        "row above the people",
    ),
    "ROSTER_NO_TEAM": (
        "Dòng có người nhưng không thuộc tổ nào (thiếu mã tổ, hoặc chưa có dòng tiêu đề tổ phía "
        "trên).",
        "The row names a person but no team (no team id, or no team heading above it).",
    ),
    "TEAM_NO_UNIT": (
        "Tổ {team} không ghi đơn vị nào phụ trách (tổ dân phố, khu phố, thôn…): cả dòng tiêu đề, "
        "tên tổ lẫn cột tổ dân phố đều trống.",
        "Team {team} names no unit it serves (tổ dân phố, khu phố, thôn…): its heading, name "
        "and unit columns are all empty.",
    ),
    "UNIT_NOT_COVERED": (
        "{unit} chưa thuộc tổ công nghệ số nào.",
        "{unit} is in no team.",
    ),
    "UNIT_IN_SEVERAL_TEAMS": (
        "{unit} thuộc cả tổ {other} và tổ {team}.",
        "{unit} is in team {other} and in team {team}.",
    ),
    "UNKNOWN_UNIT": (
        "Tổ {team} ghi \"{unit}\" nhưng không có trong danh sách của {in_ward}.",
        "Team {team} names \"{unit}\", which is not in the unit list of {in_ward}.",
    ),
    "LARGE_UNIT_NOT_ALONE": (
        "{unit} có {households} hộ (từ ngưỡng trở lên) nhưng ghép chung với {units} khác.",
        "{unit} has {households} households (at or above the threshold) but shares its team.",
    ),
    "SMALL_UNIT_ALONE": (
        "{unit} dưới ngưỡng số hộ nhưng đứng riêng, trong khi còn {units} nhỏ khác để ghép.",
        "{unit} is below the threshold yet alone, although another small unit could pair "
        "with it.",
    ),
    "TOO_MANY_UNITS": (
        "Tổ {team} gồm {count} {units}, quá {limit}.",
        "Team {team} holds {count} units, more than {limit}.",
    ),
    "AVOIDABLE_CROSS_AREA": (
        "Tổ {team} ghép khác {area_word} dù {area} ({count} {units} nhỏ) có thể ghép trong "
        "nội bộ.",
        "Team {team} crosses areas although area {area} ({count} small units) could pair "
        "internally.",
    ),
    "OPEN_PLACE": (
        "Tổ {team}: chỗ {role} còn trống (dòng chưa ghi họ tên); ghi họ tên người đảm nhận.",
        "Team {team}: the {role} place is open (the row has no name); write in who takes it.",
    ),
    "LEADER_NOT_UNIT_LEADER": (
        "Tổ trưởng {name} không phải {leader} nào trong tổ {team}.",
        "Leader {name} leads none of the units of team {team}.",
    ),
    "LEADER_NOT_YOUNGEST": (
        "Tổ {team}: {younger} (sinh {year}) trẻ hơn tổ trưởng {name}; nên ưu tiên người trẻ.",
        "Team {team}: {younger} (born {year}) is younger than leader {name}; the younger is "
        "preferred.",
    ),
    "MEMBER_COUNT": (
        "Tổ {team} có {count} thành viên; theo quy tắc cần {wanted}.",
        "Team {team} has {count} member(s); the profile asks for {wanted}.",
    ),
    "MEMBER_NOT_IN_ORGANIZATION": (
        "Thành viên {name} (tổ {team}) không thuộc đoàn thể được chọn theo quy tắc.",
        "Member {name} (team {team}) belongs to no organisation the profile accepts.",
    ),
    "YOUTH_UNION_AVAILABLE": (
        "Tổ {team}: {name} không là đoàn viên trong khi còn đoàn viên {spare} chưa tham gia.",
        "Team {team}: {name} is not from the Youth Union though {spare} of the Youth Union is "
        "still available.",
    ),
    "PERSON_IN_SEVERAL_TEAMS": (
        "{name} có tên trong cả tổ {other} và tổ {team}.",
        "{name} serves in team {other} and in team {team}.",
    ),
    "PHONE_CHANGED": (
        "Tổ {team}: {name} ghi số điện thoại {phone}, dữ liệu ghi {known}; vẫn là cùng một "
        "người (cùng họ tên, năm sinh). Cập nhật số mới nếu đúng.",
        "Team {team}: {name} gives the phone {phone}, the data has {known}; still the same "
        "person (same name and birth year). Update the data if the new number is right.",
    ),
    "PLATFORM_NOT_ALLOWED": (
        "Tổ {team} dùng nền tảng \"{platform}\"; quy tắc cho phép: {allowed}.",
        "Team {team} uses \"{platform}\"; the profile allows: {allowed}.",
    ),
    "TEAM_SIZE": (
        "Tổ {team} có {size} người; quy tắc: {limits}.",
        "Team {team} has {size} people; the profile asks for {limits}.",
    ),
    "MISSING_ROLE": (
        "Tổ {team} thiếu thành phần bắt buộc: {role}.",
        "Team {team} lacks a required role: {role}.",
    ),
    "validate_title": ("Kết quả kiểm tra danh sách tổ", "Team list check"),
    "validate_ok": (
        "Không có lỗi: danh sách đúng quy tắc {profile}.",
        "No errors: the list follows {profile}.",
    ),
    "col_team": ("Tổ", "Team"),
    "col_code": ("Mã", "Code"),
    "col_severity": ("Mức", "Severity"),
    "col_where": ("Vị trí", "Where"),
    "col_message": ("Nội dung", "Message"),
    "severity_error": ("lỗi", "error"),
    "severity_warning": ("cảnh báo", "warning"),
    "severity_info": ("thông tin", "info"),
    # Profile parameters, as `tcns rules show` explains them.
    "param_id": ("Mã bộ quy tắc (dùng với --rules).", "The profile's id (for --rules)."),
    "param_title": ("Tên bộ quy tắc.", "The profile's title."),
    "param_documents": ("Văn bản làm căn cứ.", "A document the rules rest on."),
    "param_platforms": ("Nền tảng số được dùng cho nhóm của tổ.",
                        "Platforms allowed for the team's group."),
    "param_grouping.large_threshold": (
        "Tổ dân phố có từ chừng này hộ trở lên lập tổ riêng (0: mọi tổ đều riêng).",
        "A unit with at least this many households forms a team alone (0: every unit alone)."),
    "param_grouping.area": (
        "Phạm vi ghép tổ nhỏ: khu_pho (trong khu phố) hoặc ward (trong phường).",
        "Where small units are paired: khu_pho (inside their khu phố) or ward."),
    "param_grouping.leftover": (
        "Tổ lẻ: pair-nearest (ghép với tổ lẻ gần nhất khu phố khác) hoặc join-nearest-team "
        "(nhập tổ công nghệ số gần nhất).",
        "The odd one out: pair-nearest (pairs across areas) or join-nearest-team (joins the "
        "nearest team)."),
    "param_grouping.max_units_per_team": ("Số tổ dân phố tối đa trong một tổ.",
                                          "Most units in one team."),
    "param_leader.prefer": (
        "Chọn tổ trưởng trong các tổ trưởng TDP: youngest (trẻ nhất), oldest, first.",
        "Which unit leader leads: youngest, oldest or first."),
    "param_deputy.organization": ("Đoàn thể của tổ phó.", "The deputy's organisation."),
    "param_deputy.position_contains": ("Chức vụ của tổ phó có chứa (không dấu).",
                                       "Words the deputy's position contains (no accents)."),
    "param_deputy.required": ("Bắt buộc có tổ phó.", "A deputy is required."),
    "param_members.per_unit": ("Số thành viên lấy từ mỗi tổ dân phố.",
                               "Members taken from each unit."),
    "param_members.per_team": ("Số thành viên thêm cho cả tổ (gồm thành phần bắt buộc).",
                               "Members per team on top (required roles included)."),
    "param_members.organizations": ("Đoàn thể được chọn làm thành viên.",
                                    "Organisations members may come from."),
    "param_members.prefer": ("Thứ tự ưu tiên đoàn thể.", "Organisations preferred, in order."),
    "param_members.borrow_within_team": (
        "Tổ dân phố không có ứng viên thì lấy người của tổ dân phố khác trong cùng tổ.",
        "A unit without candidates borrows from the team's other units."),
    "param_members.min_team_size": ("Số người tối thiểu của tổ (0: không giới hạn).",
                                    "Fewest people in a team (0: no limit)."),
    "param_members.max_team_size": ("Số người tối đa của tổ (0: không giới hạn).",
                                    "Most people in a team (0: no limit)."),
    "param_members.required_roles": ("Thành phần bắt buộc (ví dụ cong-an).",
                                     "Roles every team must include (e.g. cong-an)."),
    "param_severity": ("Mức độ của mã kiểm tra này ở địa phương.",
                       "This locality's severity for the finding code."),
    "rules_title": ("Bộ quy tắc có sẵn", "Shipped profiles"),
    "profile_ok": ("Tệp quy tắc {file} hợp lệ: {id} — {title}.",
                   "Profile {file} is valid: {id} — {title}."),
    "col_key": ("Tham số", "Parameter"),
    "col_value": ("Giá trị", "Value"),
    "col_meaning": ("Ý nghĩa", "Meaning"),
    "col_id": ("Mã", "Id"),
    "col_title": ("Tên", "Title"),
    "col_documents": ("Văn bản", "Documents"),
    # Terminal words.
    "summary_title": ("Kết quả lập tổ công nghệ số", "TCNS team plan"),
    "col_ward": ("{ward_word}", "Ward"),
    "col_units": ("Số {units_word}", "Units"),
    "col_households": ("Số hộ", "Households"),
    "col_teams": ("Số tổ công nghệ số", "Teams"),
    "col_solo": ("  tổ riêng (≥ ngưỡng hộ)", "  solo"),
    "col_pair": ("  ghép 2 tổ", "  pairs"),
    "col_joined": ("  ghép tổ lẻ", "  joined"),
    "col_members": ("Số người (tổ trưởng, tổ phó, thành viên)", "People"),
    "col_open": ("Chỗ thành viên còn trống", "Open slots"),
    "short_col_units": ("Đ.vị", "Units"),
    "short_col_households": ("Hộ", "Homes"),
    "short_col_teams": ("Tổ", "Teams"),
    "short_col_solo": ("Riêng", "Solo"),
    "short_col_pair": ("Đôi", "Pair"),
    "short_col_joined": ("Lẻ", "Join"),
    "short_col_members": ("Người", "People"),
    "short_col_open": ("Trống", "Open"),
    "summary_caption": (
        "Đ.vị: {units_word}; Tổ: tổ công nghệ số (Riêng: tổ ≥ ngưỡng hộ, Đôi: ghép 2 tổ, "
        "Lẻ: ghép tổ lẻ); Người: tổ trưởng, tổ phó, thành viên; Trống: chỗ thành viên còn trống.",
        "Units: TDP / khu phố; Teams (Solo, Pair, Join); People: leaders, deputies, members; "
        "Open: member places left open.",
    ),
    "col_proximity": ("Căn cứ khoảng cách", "Proximity"),
    "total": ("Tổng cộng", "Total"),
    "findings_line": (
        "Tổng: {error} lỗi, {warning} cảnh báo, {info} thông tin.",
        "Findings: {error} error(s), {warning} warning(s), {info} info.",
    ),
    "more_findings": (
        "… và {count} {code} nữa (xem trang \"Cảnh báo\" trong tệp Excel).",
        "… and {count} more {code} (see the \"Cảnh báo\" sheet of the workbook).",
    ),
    "more_wards": ("… và {count} xã, phường nữa (xem trang Tổng hợp)",
                   "… and {count} more wards (see the Tổng hợp sheet)"),
    "wrote_split": ("Đã ghi {count} tệp, mỗi xã, phường một tệp, vào {folder}",
                    "Wrote {count} workbooks, one per ward, in {folder}"),
    "wrote_maps": ("Đã ghi {count} sơ đồ (PNG), mỗi phường một tệp, vào {folder}",
                   "Wrote {count} picture(s) (PNG), one per ward, in {folder}"),
    "wrote": ("Đã ghi {file}", "Wrote {file}"),
    "writing": ("Đang ghi {file}…", "Writing {file}…"),
    "drawing": ("Đang vẽ sơ đồ {ward}…", "Drawing {ward}…"),
    "error_prefix": ("Lỗi", "Error"),
    "where_sheet": ("trang \"{sheet}\"", "sheet \"{sheet}\""),
    "where_row": ("dòng {row}", "row {row}"),
    "where_column": ("cột \"{column}\"", "column \"{column}\""),
    "proximity_coordinates": ("tọa độ", "coordinates"),
    "proximity_adjacency": ("danh sách liền kề", "adjacency"),
    "proximity_numbering": ("số thứ tự", "numbering"),
    # Re-planning with the current teams (SPEC §9): the statuses, the reasons, the summary.
    "status_kept": ("Giữ nguyên", "Kept"),
    "more_changes": ("  … và {count} tổ khác (xem trang \"Thay đổi\")",
                     "  … and {count} more teams (see the sheet \"Thay đổi\")"),
    "unit_gone_mark": ("{unit} (không còn)", "{unit} (gone)"),
    "status_changed": ("Thay đổi", "Changed"),
    "status_new": ("Thành lập mới", "New"),
    "status_dissolved": ("Giải thể", "Dissolved"),
    "reason_UNIT_GONE": ("đơn vị không còn trong dữ liệu (sáp nhập, giải thể)",
                         "a unit is no longer in the data (merged or dissolved)"),
    "reason_UNIT_NEW": ("có đơn vị mới, chưa thuộc tổ nào", "a new unit, in no team yet"),
    # The list may be older than the data, or have broken the rule: neither is claimed.
    "reason_UNIT_NOW_LARGE": ("đơn vị có số hộ từ ngưỡng trở lên: lập tổ riêng",
                              "a unit at or above the threshold: it stands alone"),
    "reason_UNIT_NOW_SMALL": ("đơn vị có số hộ dưới ngưỡng: phải ghép với đơn vị khác",
                              "a unit below the threshold: it must pair"),
    "reason_CROSS_AREA_NOT_NEEDED": ("không cần ghép khác địa bàn nữa (hoặc có cách ghép gần "
                                     "hơn)", "the cross-area pairing is no longer needed (or "
                                     "a nearer one exists)"),
    "reason_UNIT_IN_SEVERAL_TEAMS": ("danh sách hiện có ghi một đơn vị ở hai tổ; tổ ghi trước "
                                     "được giữ", "the current list puts a unit in two teams; "
                                     "the first one is kept"),
    "reason_REGROUPED": ("ghép lại theo các thay đổi trong địa bàn, để giữ được nhiều tổ nhất",
                         "regrouped after the changes nearby, keeping the most teams"),
    "reason_PERSON_GONE": ("không còn trong dữ liệu nhân sự", "no longer in the people data"),
    "reason_NO_LONGER_LEADER": ("không còn là trưởng đơn vị", "no longer a unit leader"),
    "reason_NOT_IN_ORGANIZATION": ("không còn thuộc đoàn thể được chọn",
                                   "no longer in an accepted organisation"),
    "reason_PERSON_MOVED": ("chuyển tổ theo đơn vị của mình", "moved with their unit"),
    "reason_NO_PLACE": ("tổ mới không còn chỗ", "no place left in the new team"),
    "reason_PERSON_NEW": ("bổ sung vào chỗ trống", "fills an open place"),
    "changes_kept": ("Giữ nguyên {teams}/{current} tổ hiện có và {people}/{listed} người đang "
                     "tham gia; {changed} tổ thay đổi, {new} tổ thành lập mới, {dissolved} tổ "
                     "giải thể (trang \"Thay đổi\").",
                     "Kept {teams} of {current} current teams and {people} of {listed} people "
                     "serving; {changed} teams changed, {new} new, {dissolved} dissolved (sheet "
                     "\"Thay đổi\")."),
}


def bad_phone(value: str | None) -> Localized:
    """What is wrong with a phone, for the BAD_PHONE message."""
    if not value:
        return Localized("còn trống", "is missing")
    return Localized(f"\"{value}\" không phải số Việt Nam hợp lệ (giữ nguyên như đã ghi)",
                     f"\"{value}\" is not a valid Vietnamese number (kept as written)")


def localized(key: str) -> Localized:
    """A catalog entry as a parameter value (words inside another sentence)."""
    return Localized(*CATALOG[key])


def text(key: str, lang: str, /, **params: Any) -> str:
    """The sentence for ``key`` in ``lang`` with its placeholders filled."""
    vi, en = CATALOG[key]
    template = en if lang == "en" else vi
    words = {k: (v.en if lang == "en" else v.vi) if isinstance(v, Localized) else v
             for k, v in params.items()}
    return template.format(**words)


def default_lang() -> str:
    """``TCNS_LANG`` when it names a known language, else Vietnamese."""
    lang = os.environ.get("TCNS_LANG", "vi").strip().lower()
    return lang if lang in LANGS else "vi"
