"""Places: Vietnamese cities with districts, wards and streets, and a few foreign addresses.

Since the 2025 administrative reform many Vietnamese addresses name only the ward and the
province; the generator leaves the district out of some addresses for that reason.
"""

# city: (province or "" for the centrally-run cities, postal code, weight,
#        {district: [wards]}, [streets])
# fmt: off
VN_CITIES = {
    "Hà Nội": (
        "",
        "100000",
        30,
        {
            "Ba Đình": ["Phường Điện Biên", "Phường Kim Mã", "Phường Ngọc Hà", "Phường Cống Vị"],
            "Hoàn Kiếm": ["Phường Hàng Bạc", "Phường Tràng Tiền", "Phường Hàng Trống"],
            "Đống Đa": ["Phường Láng Hạ", "Phường Ô Chợ Dừa", "Phường Văn Miếu", "Phường Kim Liên"],
            "Cầu Giấy": ["Phường Dịch Vọng", "Phường Nghĩa Đô", "Phường Yên Hòa", "Phường Mai Dịch"],
            "Hai Bà Trưng": ["Phường Bạch Mai", "Phường Bách Khoa", "Phường Thanh Nhàn"],
            "Thanh Xuân": ["Phường Khương Trung", "Phường Nhân Chính", "Phường Thượng Đình"],
            "Long Biên": ["Phường Bồ Đề", "Phường Ngọc Lâm", "Phường Việt Hưng"],
            "Tây Hồ": ["Phường Quảng An", "Phường Xuân La", "Phường Nhật Tân"],
            "Hà Đông": ["Phường Mộ Lao", "Phường Văn Quán", "Phường Yết Kiêu"],
        },
        [
            "Kim Mã", "Láng Hạ", "Nguyễn Chí Thanh", "Trần Duy Hưng", "Xuân Thủy", "Cầu Giấy",
            "Hàng Bài", "Tràng Tiền", "Bà Triệu", "Giải Phóng", "Nguyễn Trãi", "Lạc Long Quân",
            "Thụy Khuê", "Đội Cấn", "Hoàng Quốc Việt", "Phạm Văn Đồng", "Tôn Đức Thắng",
            "Nguyễn Văn Cừ", "Quang Trung", "Lê Văn Lương",
        ],
    ),
    "TP. Hồ Chí Minh": (
        "",
        "700000",
        34,
        {
            "Quận 1": ["Phường Bến Nghé", "Phường Bến Thành", "Phường Đa Kao", "Phường Tân Định"],
            "Quận 3": ["Phường Võ Thị Sáu", "Phường 9", "Phường 12"],
            "Quận 5": ["Phường 2", "Phường 11", "Phường 14"],
            "Quận 7": ["Phường Tân Phong", "Phường Tân Phú", "Phường Tân Hưng"],
            "Bình Thạnh": ["Phường 25", "Phường 22", "Phường 17"],
            "Phú Nhuận": ["Phường 7", "Phường 15", "Phường 9"],
            "Tân Bình": ["Phường 2", "Phường 4", "Phường 13"],
            "Gò Vấp": ["Phường 5", "Phường 10", "Phường 17"],
            "Thủ Đức": ["Phường Thảo Điền", "Phường An Phú", "Phường Linh Trung"],
        },
        [
            "Lê Lợi", "Nguyễn Huệ", "Đồng Khởi", "Hai Bà Trưng", "Nguyễn Thị Minh Khai",
            "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Võ Văn Tần", "Nguyễn Văn Linh",
            "Phan Xích Long", "Hoàng Văn Thụ", "Quang Trung", "Xa Lộ Hà Nội", "Nguyễn Đình Chiểu",
            "Lý Thường Kiệt", "Trần Hưng Đạo", "Nguyễn Văn Trỗi", "Phan Văn Trị",
        ],
    ),
    "Đà Nẵng": (
        "",
        "550000",
        7,
        {
            "Hải Châu": ["Phường Thạch Thang", "Phường Hòa Cường Bắc", "Phường Phước Ninh"],
            "Sơn Trà": ["Phường An Hải Bắc", "Phường Phước Mỹ", "Phường Mân Thái"],
            "Thanh Khê": ["Phường Tân Chính", "Phường Thạc Gián"],
            "Ngũ Hành Sơn": ["Phường Mỹ An", "Phường Khuê Mỹ"],
        },
        ["Bạch Đằng", "Lê Duẩn", "Nguyễn Văn Linh", "Võ Nguyên Giáp", "Hùng Vương", "Trần Phú"],
    ),
    "Hải Phòng": (
        "",
        "180000",
        4,
        {
            "Lê Chân": ["Phường An Biên", "Phường Trần Nguyên Hãn"],
            "Ngô Quyền": ["Phường Lạch Tray", "Phường Máy Tơ"],
        },
        ["Lạch Tray", "Trần Nguyên Hãn", "Lê Lợi", "Điện Biên Phủ"],
    ),
    "Cần Thơ": (
        "",
        "900000",
        4,
        {
            "Ninh Kiều": ["Phường Tân An", "Phường An Hòa", "Phường Xuân Khánh"],
            "Cái Răng": ["Phường Lê Bình", "Phường Hưng Phú"],
        },
        ["Hai Bà Trưng", "Mậu Thân", "Nguyễn Văn Cừ", "30 Tháng 4"],
    ),
    "Huế": (
        "Thừa Thiên Huế",
        "530000",
        3,
        {"": ["Phường Vĩnh Ninh", "Phường Phú Hội", "Phường Thuận Thành"]},
        ["Lê Lợi", "Hùng Vương", "Nguyễn Huệ", "Trần Hưng Đạo"],
    ),
    "Nha Trang": (
        "Khánh Hòa",
        "650000",
        3,
        {"": ["Phường Lộc Thọ", "Phường Vĩnh Hải", "Phường Phước Hòa"]},
        ["Trần Phú", "Nguyễn Thiện Thuật", "Yersin", "Thống Nhất"],
    ),
    "Biên Hòa": (
        "Đồng Nai",
        "810000",
        3,
        {"": ["Phường Tân Phong", "Phường Trảng Dài", "Phường Quyết Thắng"]},
        ["Phạm Văn Thuận", "Đồng Khởi", "Võ Thị Sáu"],
    ),
    "Thủ Dầu Một": (
        "Bình Dương",
        "820000",
        3,
        {"": ["Phường Phú Cường", "Phường Phú Hòa", "Phường Hiệp Thành"]},
        ["Đại lộ Bình Dương", "Yersin", "Cách Mạng Tháng Tám"],
    ),
    "Vũng Tàu": (
        "Bà Rịa - Vũng Tàu",
        "790000",
        2,
        {"": ["Phường Thắng Tam", "Phường 1", "Phường 7"]},
        ["Thùy Vân", "Hạ Long", "Lê Hồng Phong"],
    ),
    "Đà Lạt": (
        "Lâm Đồng",
        "670000",
        2,
        {"": ["Phường 1", "Phường 3", "Phường 10"]},
        ["Trần Phú", "Phan Đình Phùng", "Bùi Thị Xuân"],
    ),
    "Quy Nhơn": (
        "Bình Định",
        "590000",
        1,
        {"": ["Phường Lê Lợi", "Phường Hải Cảng"]},
        ["An Dương Vương", "Xuân Diệu", "Nguyễn Huệ"],
    ),
    "Vinh": (
        "Nghệ An",
        "460000",
        1,
        {"": ["Phường Hưng Bình", "Phường Quang Trung"]},
        ["Lê Duẩn", "Quang Trung", "Nguyễn Văn Cừ"],
    ),
    "Hạ Long": (
        "Quảng Ninh",
        "200000",
        1,
        {"": ["Phường Bãi Cháy", "Phường Hồng Gai"]},
        ["Hạ Long", "Nguyễn Văn Cừ", "Trần Hưng Đạo"],
    ),
    "Buôn Ma Thuột": (
        "Đắk Lắk",
        "630000",
        1,
        {"": ["Phường Tân Lợi", "Phường Thắng Lợi"]},
        ["Phan Bội Châu", "Lê Duẩn", "Nguyễn Tất Thành"],
    ),
}

# fmt: on

# Extra lines some Vietnamese addresses carry: flats, office towers, landmarks.
VN_LINE2 = [
    "Tầng 5, Tòa nhà Viettel",
    "Căn hộ A-1205, Chung cư Vinhomes Central Park",
    "Tầng 12, Bitexco Financial Tower",
    "Phòng 803, Tòa nhà Keangnam",
    "Căn 15.02, Sunrise City",
    "Lô B, Khu công nghiệp Tân Bình",
    "Gần chợ Bến Thành",
    "Đối diện trường THPT Chu Văn An",
    "Kiot số 3, chợ Đồng Xuân",
]

# (line1, line2, city, province, postal code, country)
INTL_ADDRESSES = [
    ("10 Anson Road #23-01", "International Plaza", "Singapore", "", "079903", "SG"),
    ("1 Raffles Place", "Tower 2, Level 30", "Singapore", "", "048616", "SG"),
    ("1600 Amphitheatre Parkway", "", "Mountain View", "CA", "94043", "US"),
    ("350 Fifth Avenue", "Suite 4200", "New York", "NY", "10118", "US"),
    ("2-11-3 Meguro", "Meguro-ku", "Tokyo", "Tokyo", "153-0063", "JP"),
    ("100 George Street", "", "Sydney", "NSW", "2000", "AU"),
    ("12 Rue de Rivoli", "", "Paris", "", "75004", "FR"),
    ("Friedrichstraße 43", "", "Berlin", "", "10117", "DE"),
    ("29 Teheran-ro 2-gil", "Gangnam-gu", "Seoul", "", "06232", "KR"),
    ("999 Rama I Road", "Pathum Wan", "Bangkok", "", "10330", "TH"),
    ("221B Baker Street", "", "London", "", "NW1 6XE", "GB"),
    ("Jalan Sudirman Kav. 52", "", "Jakarta", "DKI Jakarta", "12190", "ID"),
]

# Calling codes with national mobile patterns, for foreign customers' phones:
# (country code, how the national part is written, with # for a random digit)
INTL_PHONE_PATTERNS = [
    ("65", "9### ####"),
    ("65", "8### ####"),
    ("1", "(206) 5##-####"),
    ("1", "(415) 6##-####"),
    ("61", "4## ### ###"),
    ("81", "90-####-####"),
    ("82", "10-####-####"),
    ("33", "6 ## ## ## ##"),
    ("49", "151 ########"),
    ("44", "7### ######"),
    ("66", "81 ### ####"),
    ("62", "812-####-####"),
]
