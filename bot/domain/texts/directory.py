"""Vietnamese texts of the `nhacviec directory` commands and of directory files' errors."""

HELP_DIRECTORY = "danh mục cơ quan của một tỉnh, thành phố (sau sắp xếp năm 2025)"
HELP_NEW = "tạo tệp danh mục cơ quan cho một tỉnh, thành phố (34 tỉnh, thành phố từ 1/7/2025)"
HELP_PROVINCE = 'tên tỉnh, thành phố, vd. "Hải Phòng", "Cao Bằng", "Hồ Chí Minh"'
HELP_OUT = "tệp YAML sẽ ghi"
HELP_FORCE = "ghi đè nếu tệp đã có"
HELP_ADD = "thêm một cơ quan vào tệp danh mục (khi kế hoạch nêu cơ quan chưa có)"
HELP_FILE = "tệp danh mục YAML"
HELP_NAME = 'tên cơ quan, vd. "Sở Ngoại vụ"'
HELP_ALIAS = "tên khác (lặp lại được)"
HELP_KIND = "loại cơ quan (mặc định: department)"
HELP_KEY = "mã cơ quan (mặc định: tạo từ tên)"
HELP_PARENT = "mã cơ quan cấp trên (tùy chọn)"

NEW_DONE = (
    "Đã tạo {path}: {full} — {bodies} cơ quan cấp {cap}, {communes} UBND cấp xã ({summary}), "
    '{optional} mục tùy chọn (đang là chú thích), {checks} dòng "# kiểm tra" cần xem lại.'
)
NEW_NEXT = "Tiếp theo: xem lại tệp, rồi: nhacviec init --plan KẾ_HOẠCH.yaml --agencies {path}"
ADD_DONE = "Đã thêm vào {path} (dòng {line}): {name} — mã {key}, loại {kind}."

ERR_PROVINCE = 'Không có tỉnh, thành phố "{name}" trong danh sách 34 tỉnh, thành phố từ 1/7/2025.'
ERR_PROVINCE_MERGED = (
    '"{name}" đã hợp nhất vào {new} từ 1/7/2025 (Nghị quyết 202/2025/QH15); hãy dùng --province "{new}".'
)
ERR_PROVINCE_SUGGEST = "Có phải: {names}?"
ERR_EXISTS = "{path}: tệp đã có; thêm --force để ghi đè."
ERR_WRITE = "{path}: không ghi được tệp ({reason})."
ERR_NO_AGENCIES_LIST = '{path}: không thấy dòng "agencies:" ở đầu dòng.'
ERR_ALREADY = '{path}:{line}: đã có cơ quan "{name}" (mã {key}) cùng tên hoặc tên khác "{typed}".'
ERR_KEY_TAKEN = '{path}:{line}: mã "{key}" đã dùng; chọn mã khác bằng --key.'
ERR_BAD_KIND = "Loại cơ quan không hợp lệ: {kind} (một trong: {kinds})."
ERR_EMPTY_NAME = "Tên cơ quan trống."
ERR_INVALID_AFTER = "{detail} — tệp không bị thay đổi."
ERR_PACKAGE = (
    "Thiếu gói vietnam-provinces (danh sách đơn vị hành chính): cài bằng: pip install 'vietnam-provinces>=2025.10.1'"
)

# Directory file validation (bot.domain.directory_build): each names the field at fault; the file and
# line come first ("dm.yaml:12: …", bot.files.yaml_tree.DataFileError).
ERR_FIELD_MISSING = "thiếu trường '{field}'"
ERR_FIELD_TEXT = "trường '{field}' phải là chữ"
ERR_FIELD_NAMES = "trường '{field}' phải là danh sách tên, vd. {field}: [Tên 1, Tên 2]"
ERR_FIELD_DATE = "trường '{field}' phải là ngày dạng YYYY-MM-DD, đang là {value!r}"
ERR_AGENCY_MAPPING = "mỗi mục của 'agencies' phải là một cơ quan (key: …, name: …, kind: …)"
ERR_KIND = "trường 'kind': loại cơ quan {kind!r} không hợp lệ, phải là một trong: {kinds}"
ERR_TOP_MAPPING = "tệp danh mục phải là một khối các trường (province, agencies, groups…) ở cấp ngoài cùng"
ERR_NO_AGENCIES = "thiếu danh sách 'agencies' (các cơ quan)"
ERR_DUPLICATE_AGENCY = "trường 'key': mã cơ quan {key!r} bị trùng"
ERR_UNKNOWN_PARENT = "cơ quan {key!r}, trường 'parent': không có cơ quan mã {parent!r} trong danh mục"
ERR_GROUP_MEMBER = "nhóm {group!r}, trường 'members': không có cơ quan mã {member!r} trong danh mục"
ERR_GROUP_KIND = "nhóm {group!r}, trường 'member_kinds': loại {kind!r} không hợp lệ, phải là một trong: {kinds}"
ERR_DUPLICATE_KEY = "trường 'key': mã {key!r} bị trùng"
ERR_ROLE_HOLDER = "vai trò, trường 'agency': không có cơ quan mã {agency!r} trong danh mục"
ERR_ROLE_EMPTY = "vai trò cần trường 'holders' với ít nhất một cơ quan giữ vai trò"
ERR_GROUP_MAPPING = "mỗi mục của 'groups' phải là một nhóm (key: …, name: …, member_kinds: […])"
ERR_ROLE_MAPPING = "mỗi mục của 'roles' phải là một vai trò (key: …, name: …, holders: […])"
ERR_NOT_LIST = "trường '{field}' phải là một danh sách (các dòng '- …')"
ERR_VAGUE_LIST = "trường 'vague' phải là danh sách cụm từ"
