<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ComponentsScreen</name>
    <message>
        <source>Component</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>Loại giấy tờ</translation>
    </message>
    <message>
        <source>Source / state</source>
        <translation>Nguồn / trạng thái</translation>
    </message>
    <message>
        <source>Digitization category</source>
        <translation>Loại số hóa</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Bắt buộc</translation>
    </message>
    <message>
        <source>Fee if digitized on request</source>
        <translation>Phí số hóa theo yêu cầu</translation>
    </message>
    <message>
        <source>Take from the warehouse (Ctrl+K)</source>
        <translation>Lấy từ kho (Ctrl+K)</translation>
    </message>
    <message>
        <source>Digitize this component (Ctrl+D)</source>
        <translation>Số hóa thành phần này (Ctrl+D)</translation>
    </message>
    <message>
        <source>Mark not provided</source>
        <translation>Đánh dấu không nộp</translation>
    </message>
    <message>
        <source>No dossier open. Receive one or open it from Today's dossiers.</source>
        <translation>Chưa mở hồ sơ nào. Hãy tiếp nhận hồ sơ mới hoặc mở từ danh sách Hồ sơ hôm nay.</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Dossier %1 — %2 — owner %3 (%4)</source>
        <translation>Hồ sơ %1 — %2 — chủ hồ sơ %3 (%4)</translation>
    </message>
    <message>
        <source>%1 per page</source>
        <translation>%1 mỗi trang</translation>
    </message>
    <message>
        <source>Free (mandatory)</source>
        <translation>Miễn phí (bắt buộc số hóa)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Mandatory categories (1)-(5) are digitized free of charge; other components are digitized on the citizen's request for a fee.</source>
        <translation>Các loại bắt buộc (1)–(5) được số hóa miễn phí; các thành phần khác được số hóa theo yêu cầu của công dân và có thu phí.</translation>
    </message>
    <message>
        <source>%1 — may be in the warehouse</source>
        <translation>%1 — có thể có trong kho dữ liệu</translation>
    </message>
    <message>
        <source>updating the component</source>
        <translation>cập nhật thành phần hồ sơ</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Receiving</source>
        <translation>Đang tiếp nhận</translation>
    </message>
    <message>
        <source>Digitizing</source>
        <translation>Đang số hóa</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Đã ký số</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>Sent back by the supervisor</source>
        <translation>Bị trả lại (kiểm soát chất lượng)</translation>
    </message>
    <message>
        <source>Result returned</source>
        <translation>Đã trả kết quả</translation>
    </message>
    <message>
        <source>Not handled yet</source>
        <translation>Chưa xử lý</translation>
    </message>
    <message>
        <source>Reused from the warehouse</source>
        <translation>Lấy từ kho dữ liệu</translation>
    </message>
    <message>
        <source>To scan</source>
        <translation>Cần số hóa</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Đã quét</translation>
    </message>
    <message>
        <source>PDF built</source>
        <translation>Đã tạo PDF</translation>
    </message>
    <message>
        <source>Not provided</source>
        <translation>Không nộp</translation>
    </message>
    <message>
        <source>(1) Result of an earlier procedure</source>
        <translation>(1) Kết quả giải quyết TTHC trước đó</translation>
    </message>
    <message>
        <source>(2) Required by specialised law</source>
        <translation>(2) Theo quy định của pháp luật chuyên ngành</translation>
    </message>
    <message>
        <source>(3) Required by the minister or provincial chairman</source>
        <translation>(3) Theo yêu cầu của Bộ trưởng, Chủ tịch UBND tỉnh</translation>
    </message>
    <message>
        <source>(4) Processing result of an agency involved</source>
        <translation>(4) Kết quả xử lý của cơ quan có liên quan</translation>
    </message>
    <message>
        <source>(5) Result of the procedure</source>
        <translation>(5) Kết quả giải quyết TTHC</translation>
    </message>
    <message>
        <source>On request (fee)</source>
        <translation>Theo yêu cầu (có thu phí)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>One-stop Digitization Station</source>
        <translation>Trạm Số hóa Một cửa</translation>
    </message>
    <message>
        <source>Dossier: %1</source>
        <translation>Hồ sơ: %1</translation>
    </message>
</context>
<context>
    <name>ReceptionScreen</name>
    <message>
        <source>12-digit personal ID, 9-digit old ID, tax code or agency code</source>
        <translation>Số định danh 12 số, CMND 9 số, mã số thuế hoặc mã định danh cơ quan</translation>
    </message>
    <message>
        <source>Read the QR of the ID card… (Ctrl+Q)</source>
        <translation>Đọc mã QR trên thẻ CCCD… (Ctrl+Q)</translation>
    </message>
    <message>
        <source>Dossier owner</source>
        <translation>Chủ hồ sơ</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>Số định &amp;danh:</translation>
    </message>
    <message>
        <source>Full &amp;name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <source>Birth date:</source>
        <translation>Ngày sinh:</translation>
    </message>
    <message>
        <source>National portal account:</source>
        <translation>Tài khoản Cổng DVC quốc gia:</translation>
    </message>
    <message>
        <source>&amp;Delegated: someone else hands in the dossier</source>
        <translation>&amp;Ủy quyền: người khác nộp hồ sơ thay</translation>
    </message>
    <message>
        <source>Submitter</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <source>Submitter ID:</source>
        <translation>Số định danh người nộp:</translation>
    </message>
    <message>
        <source>Submitter name:</source>
        <translation>Họ tên người nộp:</translation>
    </message>
    <message>
        <source>Procedure code or name, with or without accents (Ctrl+P)</source>
        <translation>Mã hoặc tên thủ tục, gõ có dấu hay không dấu đều được (Ctrl+P)</translation>
    </message>
    <message>
        <source>Administrative procedure</source>
        <translation>Thủ tục hành chính</translation>
    </message>
    <message>
        <source>Receive the dossier (Ctrl+Enter)</source>
        <translation>Tiếp nhận hồ sơ (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>New reception (F2)</source>
        <translation>Tiếp nhận mới (F2)</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Valid personal ID: registered in %1, born %2</source>
        <translation>Số định danh hợp lệ: đăng ký khai sinh tại %1, sinh năm %2</translation>
    </message>
    <message>
        <source>Valid identifier</source>
        <translation>Mã số hợp lệ</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>checking the portal account</source>
        <translation>kiểm tra tài khoản Cổng DVC</translation>
    </message>
    <message>
        <source>Linked to the national ID (VNeID): the citizen can follow the dossier online.</source>
        <translation>Đã liên kết định danh điện tử (VNeID): công dân theo dõi được hồ sơ trực tuyến.</translation>
    </message>
    <message>
        <source>Has an account, not linked to VNeID: advise linking it at dichvucong.gov.vn.</source>
        <translation>Có tài khoản nhưng chưa liên kết VNeID: hướng dẫn công dân liên kết tại dichvucong.gov.vn.</translation>
    </message>
    <message>
        <source>No account: guide the citizen to register with VNeID to receive results online.</source>
        <translation>Chưa có tài khoản: hướng dẫn công dân đăng ký bằng VNeID để nhận kết quả trực tuyến.</translation>
    </message>
    <message>
        <source>Unknown (server not reachable or not configured).</source>
        <translation>Chưa xác định (chưa cấu hình hoặc không kết nối được máy chủ).</translation>
    </message>
    <message>
        <source>Scanned ID card image</source>
        <translation>Ảnh quét thẻ CCCD</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>Ảnh (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>reading the ID card</source>
        <translation>đọc thẻ CCCD</translation>
    </message>
    <message>
        <source>Enter the owner's ID number first.</source>
        <translation>Hãy nhập số định danh của chủ hồ sơ trước.</translation>
    </message>
    <message>
        <source>Enter the submitter's ID number.</source>
        <translation>Hãy nhập số định danh của người nộp hồ sơ.</translation>
    </message>
    <message>
        <source>Pick the procedure first.</source>
        <translation>Hãy chọn thủ tục hành chính trước.</translation>
    </message>
    <message>
        <source>opening the dossier</source>
        <translation>tạo hồ sơ</translation>
    </message>
    <message>
        <source>Dossier number: %1</source>
        <translation>Số hồ sơ: %1</translation>
    </message>
    <message>
        <source>Dossier %1 received</source>
        <translation>Đã tiếp nhận hồ sơ %1</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>&amp;Scanner:</source>
        <translation>&amp;Máy quét:</translation>
    </message>
    <message>
        <source>PKCS#11 &amp;module:</source>
        <translation>&amp;Thư viện PKCS#11:</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Địa chỉ má&amp;y chủ:</translation>
    </message>
    <message>
        <source>Server CA bundle:</source>
        <translation>Chứng thư CA của máy chủ:</translation>
    </message>
    <message>
        <source>&amp;Trust anchors folder:</source>
        <translation>Thư mục chứng thư &amp;gốc tin cậy:</translation>
    </message>
    <message>
        <source>Workspace:</source>
        <translation>Thư mục làm việc:</translation>
    </message>
    <message>
        <source>Officer login:</source>
        <translation>Tài khoản cán bộ:</translation>
    </message>
    <message>
        <source>Agency code:</source>
        <translation>Mã định danh cơ quan:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Lưu (Ctrl+S)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>testing a setting</source>
        <translation>kiểm tra cài đặt</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <source>Search by number, owner, name, procedure or state (Ctrl+F)</source>
        <translation>Tìm theo số hồ sơ, chủ hồ sơ, họ tên, thủ tục hoặc trạng thái (Ctrl+F)</translation>
    </message>
    <message>
        <source>Only today</source>
        <translation>Chỉ hôm nay</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Làm mới (F5)</translation>
    </message>
    <message>
        <source>Open (Enter)</source>
        <translation>Mở (Enter)</translation>
    </message>
    <message>
        <source>Dossier number</source>
        <translation>Số hồ sơ</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Chủ hồ sơ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <source>Today's dossiers</source>
        <translation>Hồ sơ hôm nay</translation>
    </message>
    <message>
        <source>loading dossiers</source>
        <translation>tải danh sách hồ sơ</translation>
    </message>
    <message numerus="yes">
        <source>%n dossier(s) shown</source>
        <translation><numerusform>Hiển thị %n hồ sơ</numerusform></translation>
    </message>
</context>
</TS>