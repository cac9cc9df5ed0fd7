"""People: Vietnamese and international names, e-mail domains, the demo staff.

Weights follow how common each family name is in Vietnam (Nguyễn is almost four in ten).
Plain data only; demo.pools turns it into fast lookup tables.
"""

# (family name, weight in per cent of the population, roughly)
VN_FAMILY_NAMES = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 3),
    ("Huỳnh", 2),
    ("Phan", 4),
    ("Vũ", 2),
    ("Võ", 2),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 1),
    ("Hồ", 1),
    ("Ngô", 1),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trương", 1),
    ("Lâm", 1),
    ("Mai", 1),
    ("Tạ", 1),
    ("Cao", 1),
]

VN_MIDDLE_NAMES_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thành", "Công", "Gia", "Xuân"]
VN_MIDDLE_NAMES_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bảo", "Phương", "Mai", "Hồng"]

VN_GIVEN_NAMES_MALE = [
    "An", "Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Hải", "Hiếu", "Hoàng", "Hùng",
    "Huy", "Khang", "Khoa", "Khánh", "Kiên", "Long", "Lâm", "Minh", "Nam", "Nghĩa", "Phong",
    "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Tiến", "Toàn", "Trung", "Tuấn",
    "Việt", "Vinh", "Vũ", "Đức Anh", "Minh Khôi", "Gia Huy", "Hoàng Long", "Quốc Bảo",
]  # fmt: skip
VN_GIVEN_NAMES_FEMALE = [
    "Anh", "Ánh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương",
    "Huyền", "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh",
    "Phương", "Quỳnh", "Thảo", "Thơ", "Thu", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân",
    "Vy", "Xuân", "Yến", "Bích Ngọc", "Thu Hà", "Khánh Linh", "Minh Thư", "Phương Anh",
]  # fmt: skip

# International customers: tourists, expats and cross-border buyers. Some letters here do not
# decompose in Unicode (ø, ł, ß): they keep accent folding honest.
INTL_FIRST_NAMES = [
    "James", "Emma", "Olivia", "Liam", "Sophie", "Lucas", "Mia", "Noah", "Hannah", "Daniel",
    "Chloé", "José", "Zoë", "Søren", "Łukasz", "François", "Ana", "Yuki", "Wei", "Priya",
    "Arjun", "Siti", "Ahmad", "Somchai", "Min-jun", "Ji-woo", "Hiroshi", "Aiko", "Matteo",
    "Léa", "Björn", "Ingrid", "Mateus", "Camila", "Oliver", "Charlotte", "Ethan", "Amelia",
]  # fmt: skip
INTL_LAST_NAMES = [
    "Smith", "Johnson", "Brown", "Williams", "Müller", "Schmidt", "Dubois", "Lefèvre",
    "García", "Rodríguez", "Rossi", "Kowalski", "Nowak", "Tanaka", "Suzuki", "Kim", "Lee",
    "Park", "Wang", "Chen", "Tan", "Lim", "Sharma", "Patel", "Jensen", "Løvland", "Weiß",
    "O'Brien", "Santos", "Silva", "Wilson", "Taylor", "Andersson", "Novák", "Yılmaz",
]  # fmt: skip

# (domain, weight): Gmail dominates in Vietnam; a few local and company domains.
EMAIL_DOMAINS = [
    ("gmail.com", 62),
    ("yahoo.com", 9),
    ("outlook.com", 6),
    ("icloud.com", 5),
    ("hotmail.com", 4),
    ("fpt.vn", 2),
    ("vnn.vn", 1),
    ("viettel.com.vn", 1),
    ("vng.com.vn", 1),
    ("tiki.vn", 1),
    ("company.vn", 2),
    ("example.com", 1),
]

# The demo team, made only when the database has no staff in these roles yet.
# (username, first name, last name, role)
DEMO_STAFF = [
    ("lan.nguyen", "Lan", "Nguyễn Thị", "sales"),
    ("minh.tran", "Minh", "Trần Quang", "operations"),
    ("thu.le", "Thu", "Lê Thị", "customer_care"),
    ("hoang.pham", "Hoàng", "Phạm Văn", "operations"),
    ("vy.do", "Vy", "Đỗ Phương", "sales"),
]
