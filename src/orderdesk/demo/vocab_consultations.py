"""What customers ask about: subjects, messages and when they want to be called back."""

# (subject, message). The subject may be empty: many people write only a message.
QUESTIONS = [
    (
        "Nồi chiên không dầu 5L",
        "Cho mình hỏi nồi chiên không dầu 5L còn hàng không, có bảo hành bao lâu ạ?",
    ),
    (
        "Áo dài lụa tơ tằm",
        "Mình cao 1m60 nặng 50kg thì mặc size nào vừa? Có may đo theo số đo không?",
    ),
    ("Giao hàng", "Shop có giao hàng ra Phú Quốc không, phí ship bao nhiêu và mấy ngày thì nhận?"),
    ("Mua sỉ", "Mình muốn lấy sỉ 200 hộp cà phê G7 cho văn phòng, shop báo giá giúp mình nhé."),
    ("Đổi trả", "Đơn hàng hôm trước mình nhận bị lỗi đường may, mình muốn đổi sản phẩm khác."),
    (
        "Yến sào Khánh Hòa",
        "Yến sào có giấy kiểm định không? Mình mua làm quà biếu nên cần hộp đẹp.",
    ),
    ("", "Shop ơi tư vấn giúp mình quà Tết cho đối tác khoảng 1 triệu một phần, cần 30 phần."),
    ("Bàn phím cơ", "Bàn phím 87 phím có bản switch nâu không? Có dùng được với Mac không?"),
    (
        "Hóa đơn VAT",
        "Công ty mình cần xuất hóa đơn VAT cho đơn hàng tuần trước, gửi thông tin ở đâu?",
    ),
    (
        "SSD NVMe 1TB",
        "Is the 1TB NVMe drive compatible with a 2019 MacBook Pro? I need an adapter?",
    ),
    (
        "Shipping to Singapore",
        "Do you ship to Singapore? I would like to order coffee and tea as gifts.",
    ),
    ("Bulk order", "We run a café in Da Nang and want a monthly supply of Trung Nguyen coffee."),
    ("", "Hi, I ordered two days ago and have not received a confirmation. Could you check?"),
    ("Gift wrapping", "Can you gift wrap the silk ao dai and add a handwritten card in English?"),
    (
        "Sữa bột trẻ em",
        "Bé nhà mình 2 tuổi dùng loại sữa nào phù hợp? Shop có hàng date mới không?",
    ),
    ("Trả góp", "Mình muốn mua đồng hồ thông minh trả góp qua thẻ tín dụng được không?"),
    ("", "Cho mình xin địa chỉ cửa hàng ở Hà Nội để qua xem trực tiếp ạ."),
    ("Card payment", "Can I pay by Visa card on delivery, or only cash? Thank you."),
]

PREFERRED_CONTACT_TIMES = [
    "",
    "",
    "Buổi sáng",
    "Giờ hành chính",
    "Sau 18h",
    "Cuối tuần",
    "Gọi trước 11h trưa",
    "Morning, before 10am",
    "After 6pm",
    "Any time, Zalo preferred",
]

# Notes a consultant leaves when moving a request along.
CONSULTANT_NOTES = [
    "Đã gọi tư vấn, khách sẽ đặt hàng online",
    "Đã gửi báo giá qua e-mail",
    "Khách hẹn gọi lại cuối tuần",
    "Sent the price list by e-mail",
    "Customer will visit the store on Saturday",
    "Đã hướng dẫn khách đổi trả",
]
