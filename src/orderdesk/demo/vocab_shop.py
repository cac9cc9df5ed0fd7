"""The shop: products, carriers, tags, notes and cancel reasons, in Vietnamese and English."""

# (SKU, name, price in đồng, price in US cents). Other currencies are converted from the cents.
PRODUCTS = [
    ("CF-G7-21", "Cà phê hòa tan G7 3in1 (hộp 21 gói)", 62_000, 299),
    ("CF-TN-S500", "Cà phê Trung Nguyên Sáng Tạo 5 - 500g", 185_000, 899),
    ("CF-PHIN-ST", "Phin cà phê inox", 45_000, 299),
    ("TEA-TN-500", "Trà Thái Nguyên đặc biệt 500g", 240_000, 1199),
    ("TEA-OL-200", "Trà ô long Bảo Lộc 200g", 150_000, 749),
    ("NM-PQ-500", "Nước mắm Phú Quốc 40 độ đạm 500ml", 95_000, 549),
    ("HAT-DIEU-500", "Hạt điều rang muối Bình Phước 500g", 210_000, 1049),
    ("BANH-PIA-4", "Bánh pía Sóc Trăng (hộp 4 cái)", 80_000, 399),
    ("MUT-TET", "Hộp mứt Tết truyền thống", 320_000, 1599),
    ("YEN-SAO-50", "Yến sào Khánh Hòa 50g", 1_650_000, 7999),
    ("AO-DAI-LUA-M", "Áo dài lụa tơ tằm - size M", 1_450_000, 6900),
    ("AO-DAI-LUA-L", "Áo dài lụa tơ tằm - size L", 1_450_000, 6900),
    ("NON-LA-HUE", "Nón lá Huế bài thơ", 120_000, 699),
    ("TSH-BLK-M", "Áo thun cotton basic đen - M", 159_000, 999),
    ("TSH-BLK-L", "Áo thun cotton basic đen - L", 159_000, 999),
    ("TSH-WHT-M", "Áo thun cotton basic trắng - M", 159_000, 999),
    ("POLO-NAVY-L", "Áo polo nam xanh navy - L", 289_000, 1799),
    ("JEAN-SLIM-30", "Quần jean slim fit - 30", 459_000, 2999),
    ("DRESS-FLR-S", "Đầm hoa vintage - S", 520_000, 3299),
    ("SNEAK-W-39", "Giày sneaker trắng - 39", 890_000, 4999),
    ("SNEAK-W-42", "Giày sneaker trắng - 42", 890_000, 4999),
    ("SANDAL-BT-40", "Dép sandal Bitis Hunter - 40", 650_000, 3499),
    ("BAG-TOTE-CV", "Túi tote canvas in hình phố cổ", 135_000, 799),
    ("BAG-LTH-BRN", "Ví da bò thật màu nâu", 390_000, 2199),
    ("CASE-IP15", "Ốp lưng iPhone 15 chống sốc", 99_000, 1299),
    ("CASE-IP16P", "Ốp lưng iPhone 16 Pro MagSafe", 249_000, 1999),
    ("CHG-20W-C", "Củ sạc nhanh USB-C 20W", 190_000, 1499),
    ("CBL-C-1M", "Cáp USB-C to USB-C 1m", 89_000, 899),
    ("PB-10K", "Sạc dự phòng 10000mAh", 350_000, 2499),
    ("EAR-TWS-X1", "Tai nghe bluetooth TWS X1", 590_000, 3999),
    ("KB-MECH-87", "Bàn phím cơ 87 phím switch đỏ", 1_290_000, 6999),
    ("MOUSE-WL-S", "Chuột không dây silent", 250_000, 1599),
    ("SSD-NVME-1T", "SSD NVMe 1TB", 1_790_000, 8999),
    ("USB-64G", "USB 3.0 64GB", 150_000, 999),
    ("WATCH-FIT-2", "Đồng hồ thông minh Fit 2", 1_990_000, 9999),
    ("LAMP-DESK-LED", "Đèn bàn LED chống cận", 420_000, 2799),
    ("FAN-MINI-USB", "Quạt mini để bàn USB", 175_000, 1199),
    ("RICE-ST25-5", "Gạo ST25 túi 5kg", 210_000, 1399),
    ("NOI-COM-18", "Nồi cơm điện 1.8L", 890_000, 5499),
    ("AIR-FRYER-5", "Nồi chiên không dầu 5L", 1_590_000, 8999),
    ("BLENDER-600", "Máy xay sinh tố 600W", 750_000, 4499),
    ("TOWEL-SET-3", "Bộ 3 khăn tắm cotton", 210_000, 1399),
    ("PILLOW-LTX", "Gối cao su non", 320_000, 1999),
    ("BOTTLE-750", "Bình giữ nhiệt 750ml", 230_000, 1599),
    ("SUNSCR-50", "Kem chống nắng SPF50 50ml", 285_000, 1699),
    ("SERUM-VITC", "Serum vitamin C 30ml", 395_000, 2499),
    ("LIP-MATTE-03", "Son kem lì màu 03", 189_000, 1299),
    ("MASK-SHEET-10", "Mặt nạ giấy (hộp 10 miếng)", 150_000, 999),
    ("SHAMPOO-BK", "Dầu gội bồ kết thảo dược 500ml", 129_000, 899),
    ("BOOK-DAC-NHAN", "Sách: Đắc nhân tâm", 86_000, 1099),
    ("BOOK-VN-HIST", "Book: A Short History of Vietnam", 245_000, 1899),
    ("TOY-LEGO-CITY", "Bộ xếp hình thành phố 300 chi tiết", 690_000, 3999),
    ("MILK-GROW-900", "Sữa bột trẻ em 900g", 540_000, 3299),
    ("DIAPER-M-64", "Tã quần size M (64 miếng)", 365_000, 2299),
    ("VITAMIN-C-100", "Viên uống vitamin C (lọ 100 viên)", 220_000, 1499),
    ("YOGA-MAT-6", "Thảm tập yoga 6mm", 260_000, 1799),
    ("DUMBBELL-5", "Tạ tay 5kg (đôi)", 380_000, 2599),
    ("GIFT-CARD-500", "Thẻ quà tặng 500.000đ", 500_000, 2000),
    ("POSTCARD-SET", "Postcard set: Hội An lanterns", 60_000, 499),
    ("CANDLE-LEMON", "Nến thơm sả chanh", 120_000, 899),
]

# (weight, how many different products one order has)
ITEMS_PER_ORDER = [(50, 1), (30, 2), (14, 3), (6, 4)]
# (weight, quantity of one line)
QUANTITIES = [(72, 1), (18, 2), (6, 3), (2, 4), (1, 5), (1, 10)]

# (carrier, tracking prefix, digits, suffix); GHN and GHTK carry most domestic parcels.
CARRIERS_DOMESTIC = [
    (30, "GHN", "GA", 8, ""),
    (25, "GHTK", "S1", 9, ".BO"),
    (15, "Viettel Post", "VTP", 10, ""),
    (10, "VNPost", "EB", 9, "VN"),
    (12, "J&T Express", "8", 11, ""),
    (8, "Ninja Van", "NVVN", 10, ""),
]
CARRIERS_INTERNATIONAL = [
    (60, "DHL Express", "", 10, ""),
    (40, "FedEx", "7", 11, ""),
]

TAGS = [
    "vip", "gift", "fragile", "wholesale", "repeat customer", "urgent", "tet-2025",
    "flash-sale", "b2b", "influencer", "check before delivery", "shopee", "lazada", "tiktok shop",
]  # fmt: skip
MARKETPLACE_TAGS = ["shopee", "lazada", "tiktok shop"]

CUSTOMER_NOTES = [
    "Giao giờ hành chính",
    "Gọi trước khi giao",
    "Giao sau 17h",
    "Để hàng ở phòng bảo vệ",
    "Gói quà giúp mình nhé",
    "Không giao thứ 7, chủ nhật",
    "Please call before delivery",
    "Leave the parcel at reception",
    "Gift wrap, no invoice in the box",
    "Xuất hóa đơn VAT cho công ty",
]

STAFF_NOTES = [
    "Khách hẹn giao sau 17h",
    "Đã gọi xác nhận địa chỉ",
    "Khách muốn đổi size, chờ phản hồi",
    "Đã gửi hóa đơn VAT qua e-mail",
    "Kiểm tra lại tồn kho trước khi đóng gói",
    "Customer asked for a phone call on arrival",
    "Confirmed address by Zalo",
    "Repeat customer, add a thank-you card",
    "Khách phàn nàn giao chậm, đã xin lỗi",
    "Shipper báo khách không nghe máy lần 1",
]

# (weight, reason, may be given for a shipping order too)
CANCEL_REASONS = [
    (20, "Khách đổi ý, không mua nữa", False),
    (12, "Khách đặt trùng đơn", False),
    (10, "Hết hàng", False),
    (10, "Không liên lạc được với khách", False),
    (8, "Customer changed their mind", False),
    (6, "Duplicate order", False),
    (5, "Địa chỉ ngoài vùng giao hàng", False),
    (14, "Giao hàng thất bại, khách không nhận hàng", True),
    (8, "Delivery failed: parcel returned to sender", True),
    (7, "Khách từ chối nhận vì giao chậm", True),
]

# Partial refunds on delivered orders.
REFUND_REFERENCE_PREFIX = "RF"
