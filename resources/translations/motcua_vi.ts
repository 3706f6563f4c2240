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
        <source>reading the supervisor's decision</source>
        <translation>đọc quyết định của người kiểm soát</translation>
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
        <source>Sent back by %1: %2</source>
        <translation>Bị %1 trả lại: %2</translation>
    </message>
    <message>
        <source>%1 — may be in the warehouse</source>
        <translation>%1 — có thể có trong kho dữ liệu</translation>
    </message>
    <message>
        <source>updating the component</source>
        <translation>cập nhật thành phần hồ sơ</translation>
    </message>
    <message>
        <source>%1 (to pay)</source>
        <translation>%1 (phải nộp)</translation>
    </message>
    <message>
        <source>Digitization fee to pay: %1.</source>
        <translation>Phí số hóa phải nộp: %1.</translation>
    </message>
    <message>
        <source>Check the warehouse again</source>
        <translation>Kiểm tra lại kho dữ liệu</translation>
    </message>
    <message>
        <source>Citizen has no electronic copy</source>
        <translation>Công dân không có bản điện tử</translation>
    </message>
    <message>
        <source>Stop checking</source>
        <translation>Dừng kiểm tra</translation>
    </message>
    <message>
        <source>Guide the citizen</source>
        <translation>Hướng dẫn công dân</translation>
    </message>
    <message>
        <source>Request the link</source>
        <translation>Gửi yêu cầu liên kết</translation>
    </message>
    <message>
        <source>National-portal account: asking the provincial system…</source>
        <translation>Tài khoản Cổng DVC quốc gia: đang hỏi hệ thống tỉnh…</translation>
    </message>
    <message>
        <source>warehouse: one found, attached (%1)</source>
        <translation>kho: có 1 giấy tờ, đã lấy (%1)</translation>
    </message>
    <message>
        <source>warehouse: %1 found, choose one (Ctrl+K)</source>
        <translation>kho: có %1 giấy tờ, cần chọn (Ctrl+K)</translation>
    </message>
    <message>
        <source>warehouse: checked, none found — digitize</source>
        <translation>kho: đã kiểm tra, không có — số hóa</translation>
    </message>
    <message>
        <source>warehouse: the citizen has no electronic copy — digitize</source>
        <translation>kho: công dân không có bản điện tử — số hóa</translation>
    </message>
    <message>
        <source>warehouse: the paper is used instead (%1)</source>
        <translation>kho: dùng bản giấy thay thế (%1)</translation>
    </message>
    <message>
        <source>warehouse: could not be checked (server away), recorded — digitize</source>
        <translation>kho: không kiểm tra được (mất kết nối), đã ghi nhận — số hóa</translation>
    </message>
    <message>
        <source>Checking the owner's data warehouse for every reusable component…</source>
        <translation>Đang kiểm tra Kho dữ liệu của công dân cho mọi thành phần có thể tái sử dụng…</translation>
    </message>
    <message>
        <source>Warehouse checked: %1 attached, %2 to choose, %3 to digitize.</source>
        <translation>Đã kiểm tra kho: %1 đã lấy, %2 cần chọn, %3 cần số hóa.</translation>
    </message>
    <message>
        <source>The server could not be reached: recorded; check again when it is back.</source>
        <translation>Không kết nối được máy chủ: đã ghi nhận; kiểm tra lại khi có kết nối.</translation>
    </message>
    <message>
        <source>Warehouse check stopped; components not checked cannot be scanned yet.</source>
        <translation>Đã dừng kiểm tra kho; thành phần chưa kiểm tra chưa được quét.</translation>
    </message>
    <message>
        <source>checking the warehouse</source>
        <translation>kiểm tra kho dữ liệu</translation>
    </message>
    <message>
        <source>checking the component</source>
        <translation>kiểm tra thành phần</translation>
    </message>
    <message>
        <source>No electronic copy</source>
        <translation>Không có bản điện tử</translation>
    </message>
    <message>
        <source>Note (what the citizen said):</source>
        <translation>Ghi chú (công dân cho biết):</translation>
    </message>
    <message>
        <source>recording the warehouse check</source>
        <translation>ghi nhận kết quả kiểm tra kho</translation>
    </message>
    <message>
        <source>reading the portal account</source>
        <translation>đọc tài khoản Cổng DVC</translation>
    </message>
    <message>
        <source>National-portal account: unknown</source>
        <translation>Tài khoản Cổng DVC quốc gia: chưa xác định</translation>
    </message>
    <message>
        <source>no account</source>
        <translation>chưa có tài khoản</translation>
    </message>
    <message>
        <source>account not linked</source>
        <translation>chưa liên kết</translation>
    </message>
    <message>
        <source>link requested</source>
        <translation>đã gửi yêu cầu liên kết</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>đã liên kết</translation>
    </message>
    <message>
        <source>unknown (server away)</source>
        <translation>chưa xác định (mất kết nối)</translation>
    </message>
    <message>
        <source>guided to create an account</source>
        <translation>đã hướng dẫn tạo tài khoản</translation>
    </message>
    <message>
        <source>guided to link</source>
        <translation>đã hướng dẫn liên kết</translation>
    </message>
    <message>
        <source>link request sent</source>
        <translation>đã gửi yêu cầu liên kết</translation>
    </message>
    <message>
        <source>National-portal account: %1</source>
        <translation>Tài khoản Cổng DVC quốc gia: %1</translation>
    </message>
    <message>
        <source>(link request waiting in the outbox)</source>
        <translation>(yêu cầu liên kết đang chờ gửi)</translation>
    </message>
    <message>
        <source>National-portal account</source>
        <translation>Tài khoản Cổng DVC quốc gia</translation>
    </message>
    <message>
        <source>Press OK once the citizen was guided (recorded on the dossier).</source>
        <translation>Bấm OK khi đã hướng dẫn công dân (ghi nhận vào hồ sơ).</translation>
    </message>
    <message>
        <source>recording the guidance</source>
        <translation>ghi nhận việc hướng dẫn</translation>
    </message>
    <message>
        <source>requesting the account link</source>
        <translation>gửi yêu cầu liên kết tài khoản</translation>
    </message>
    <message>
        <source>reading the warehouse checks</source>
        <translation>đọc kết quả kiểm tra kho</translation>
    </message>
    <message>
        <source>Import files (USB, e-mail)…</source>
        <translation>Nhập tệp (USB, thư điện tử)…</translation>
    </message>
    <message>
        <source>Special original…</source>
        <translation>Bản gốc đặc biệt…</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>Nhập tệp</translation>
    </message>
    <message>
        <source>PDF and images (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>PDF và ảnh (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Importing %1 file(s)…</source>
        <translation>Đang nhập %1 tệp…</translation>
    </message>
    <message>
        <source>Imported %1 file(s), %2 page(s) to check on the Scan screen.</source>
        <translation>Đã nhập %1 tệp, %2 trang cần kiểm tra ở màn hình Số hóa.</translation>
    </message>
    <message>
        <source>%1: signed PDF kept as the original (%2).</source>
        <translation>%1: tệp PDF đã ký, giữ nguyên làm bản gốc (%2).</translation>
    </message>
    <message>
        <source>importing files</source>
        <translation>nhập tệp</translation>
    </message>
    <message>
        <source>Glossy photograph (enhancement profile after scanning)</source>
        <translation>Ảnh bóng (tăng cường ảnh sau khi quét)</translation>
    </message>
    <message>
        <source>Fragile original: decline digitizing, with the reason</source>
        <translation>Bản gốc dễ hư hỏng: từ chối số hóa, ghi lý do</translation>
    </message>
    <message>
        <source>Audio-visual original: record as received, not digitized</source>
        <translation>Tài liệu nghe nhìn: ghi nhận đã nhận, không số hóa</translation>
    </message>
    <message>
        <source>Special original</source>
        <translation>Bản gốc đặc biệt</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Loại:</translation>
    </message>
    <message>
        <source>Reason (on the receipt):</source>
        <translation>Lý do (in trên giấy tiếp nhận):</translation>
    </message>
    <message>
        <source>recording the special original</source>
        <translation>ghi nhận bản gốc đặc biệt</translation>
    </message>
    <message>
        <source>reading the scan sessions</source>
        <translation>đọc các phiên quét</translation>
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
        <source>Signed; %1</source>
        <translation>Đã ký; %1</translation>
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
        <source>Sent back for correction</source>
        <translation>Bị trả lại để bổ sung, chỉnh sửa</translation>
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
    <message>
        <source>To sign</source>
        <translation>Chờ ký số</translation>
    </message>
    <message>
        <source>To send</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <source>Send failed</source>
        <translation>Gửi lỗi</translation>
    </message>
    <message>
        <source>At the province</source>
        <translation>Chờ tỉnh xử lý</translation>
    </message>
    <message>
        <source>To return</source>
        <translation>Chờ trả kết quả</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Đã trả</translation>
    </message>
    <message>
        <source>Waiting to be forwarded</source>
        <translation>Chờ chuyển cơ quan quản lý</translation>
    </message>
    <message>
        <source>Forwarded, waiting for the check</source>
        <translation>Đã chuyển, chờ kiểm tra</translation>
    </message>
    <message>
        <source>Checked: matches</source>
        <translation>Cơ quan quản lý xác nhận khớp</translation>
    </message>
    <message>
        <source>Checked: does not match</source>
        <translation>Cơ quan quản lý báo không khớp</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>One-stop Digitization Station</source>
        <translation>Trạm Số hóa Một cửa</translation>
    </message>
    <message>
        <source>saving the window state</source>
        <translation>lưu trạng thái cửa sổ</translation>
    </message>
    <message>
        <source>Dossier: %1</source>
        <translation>Hồ sơ: %1</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>cán bộ</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>giám sát</translation>
    </message>
    <message>
        <source>agency administrator</source>
        <translation>quản trị cơ quan</translation>
    </message>
    <message>
        <source>provincial administrator</source>
        <translation>quản trị cấp tỉnh</translation>
    </message>
    <message>
        <source>%1 · offline</source>
        <translation>%1 · ngoại tuyến</translation>
    </message>
    <message>
        <source>Logged in offline: the provincial system was unreachable</source>
        <translation>Đăng nhập ngoại tuyến: không kết nối được hệ thống tỉnh</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Token PIN</source>
        <translation>Mã PIN của token</translation>
    </message>
    <message>
        <source>Enter the PIN of token “%1”. It is used for this signing only and is never saved.</source>
        <translation>Nhập mã PIN của token “%1”. Mã PIN chỉ dùng cho lần ký này và không bao giờ được lưu lại.</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>Mã &amp;PIN:</translation>
    </message>
    <message>
        <source>the agency's key</source>
        <translation>khóa của cơ quan</translation>
    </message>
    <message>
        <source>the officer's key</source>
        <translation>khóa của cán bộ</translation>
    </message>
    <message numerus="yes">
        <source>Signing %n document(s) with the certificate of &lt;b&gt;%1&lt;/b&gt; (%2), valid until %3.</source>
        <translation><numerusform>Ký %n tài liệu bằng chứng thư số của &lt;b&gt;%1&lt;/b&gt; (%2), hiệu lực đến %3.</numerusform></translation>
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
    <message>
        <source>Print the receipt (Ctrl+R)</source>
        <translation>In giấy tiếp nhận (Ctrl+R)</translation>
    </message>
    <message>
        <source>Not received again: dossier %1 is the one received at %2.</source>
        <translation>Không tiếp nhận lại: hồ sơ %1 đã được tiếp nhận lúc %2.</translation>
    </message>
    <message>
        <source>Receive again?</source>
        <translation>Tiếp nhận lại?</translation>
    </message>
    <message>
        <source>Dossier %1 for this citizen and this procedure was received at %2. Receive another dossier?</source>
        <translation>Hồ sơ %1 của công dân này cho thủ tục này đã được tiếp nhận lúc %2. Tiếp nhận thêm một hồ sơ mới?</translation>
    </message>
    <message>
        <source>Receive a new dossier</source>
        <translation>Tiếp nhận hồ sơ mới</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>%1 — %2 — %3; result due on %4.</source>
        <translation>%1 — %2 — %3; hẹn trả kết quả ngày %4.</translation>
    </message>
    <message>
        <source>Receive a dossier first.</source>
        <translation>Hãy tiếp nhận hồ sơ trước.</translation>
    </message>
    <message>
        <source>writing the receipt</source>
        <translation>ghi giấy tiếp nhận</translation>
    </message>
    <message>
        <source>Receipt written: %1</source>
        <translation>Đã ghi giấy tiếp nhận: %1</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>Both sides (duplex)</source>
        <translation>Quét hai mặt</translation>
    </message>
    <message>
        <source>Scan (F9)</source>
        <translation>Quét (F9)</translation>
    </message>
    <message>
        <source>Stop (Esc)</source>
        <translation>Dừng (Esc)</translation>
    </message>
    <message>
        <source>%v of %m pages</source>
        <translation>%v / %m trang</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Máy quét:</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Cấu hình quét:</translation>
    </message>
    <message>
        <source>Declared &amp;sheets:</source>
        <translation>Số &amp;tờ bản giấy:</translation>
    </message>
    <message>
        <source>Quality findings</source>
        <translation>Kết quả kiểm tra chất lượng</translation>
    </message>
    <message>
        <source>Rotate (Ctrl+R)</source>
        <translation>Xoay (Ctrl+R)</translation>
    </message>
    <message>
        <source>Delete (Del)</source>
        <translation>Xóa (Del)</translation>
    </message>
    <message>
        <source>Rescan this page (Ctrl+Shift+R)</source>
        <translation>Quét lại trang này (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Insert after (Ctrl+I)</source>
        <translation>Chèn trang sau (Ctrl+I)</translation>
    </message>
    <message>
        <source>Accept with a reason… (Ctrl+O)</source>
        <translation>Chấp nhận kèm lý do… (Ctrl+O)</translation>
    </message>
    <message>
        <source>Apply the fix (Ctrl+J)</source>
        <translation>Làm theo hướng dẫn (Ctrl+J)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Phóng to (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Thu nhỏ (Ctrl+-)</translation>
    </message>
    <message>
        <source>Build the PDF (Ctrl+B)</source>
        <translation>Tạo tệp PDF (Ctrl+B)</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Số hóa</translation>
    </message>
    <message>
        <source>listing scanners</source>
        <translation>liệt kê máy quét</translation>
    </message>
    <message>
        <source>reopening the scan session</source>
        <translation>mở lại phiên quét</translation>
    </message>
    <message>
        <source>Open a dossier first (Today's dossiers or Reception).</source>
        <translation>Hãy mở một hồ sơ trước (Hồ sơ hôm nay hoặc Tiếp nhận).</translation>
    </message>
    <message>
        <source>Pick the component to digitize on the Components screen.</source>
        <translation>Hãy chọn thành phần cần số hóa ở màn hình Thành phần hồ sơ.</translation>
    </message>
    <message>
        <source>Dossier %1
Component: %2</source>
        <translation>Hồ sơ %1
Thành phần: %2</translation>
    </message>
    <message>
        <source>Reading printed page numbers…</source>
        <translation>Đang đọc số trang in trên giấy…</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Đang quét…</translation>
    </message>
    <message>
        <source>scanning</source>
        <translation>quét</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <source>front</source>
        <translation>mặt trước</translation>
    </message>
    <message>
        <source>back</source>
        <translation>mặt sau</translation>
    </message>
    <message>
        <source>Page %1 (sheet %2, %3)</source>
        <translation>Trang %1 (tờ %2, %3)</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) scanned.</source>
        <translation><numerusform>Đã quét %n trang.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before building the PDF.</source>
        <translation><numerusform>Còn %n lỗi cần xử lý trước khi tạo PDF.</numerusform></translation>
    </message>
    <message>
        <source>No problem found.</source>
        <translation>Không phát hiện lỗi.</translation>
    </message>
    <message>
        <source>The scanner stopped at sheet %1: %2 Reload sheet %1 and press Scan (F9) to continue the same session.</source>
        <translation>Máy quét dừng ở tờ %1: %2 Hãy đặt lại tờ %1 vào khay và bấm Quét (F9) để tiếp tục phiên quét này.</translation>
    </message>
    <message>
        <source>Scanning stopped. The pages already scanned are kept.</source>
        <translation>Đã dừng quét. Các trang đã quét được giữ nguyên.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Đang dừng…</translation>
    </message>
    <message>
        <source>reloading the session</source>
        <translation>tải lại phiên quét</translation>
    </message>
    <message>
        <source>Accepted: %1 (reason: %2)</source>
        <translation>Đã chấp nhận: %1 (lý do: %2)</translation>
    </message>
    <message>
        <source>Quality findings (%1)</source>
        <translation>Kết quả kiểm tra chất lượng (%1 lỗi cần xử lý)</translation>
    </message>
    <message>
        <source>drawing thumbnails</source>
        <translation>vẽ ảnh thu nhỏ</translation>
    </message>
    <message>
        <source>opening the page</source>
        <translation>mở trang</translation>
    </message>
    <message>
        <source>changing the page</source>
        <translation>sửa trang</translation>
    </message>
    <message>
        <source>reordering pages</source>
        <translation>sắp xếp lại trang</translation>
    </message>
    <message>
        <source>Accept with a reason</source>
        <translation>Chấp nhận kèm lý do</translation>
    </message>
    <message>
        <source>Why is this page acceptable as it is?</source>
        <translation>Vì sao chấp nhận trang này như hiện tại?</translation>
    </message>
    <message>
        <source>A reason is required to accept a finding.</source>
        <translation>Phải nhập lý do khi chấp nhận một lỗi.</translation>
    </message>
    <message>
        <source>This scan was interrupted: press Scan (F9) to continue from sheet %1.</source>
        <translation>Lần quét trước bị gián đoạn: bấm Quét (F9) để quét tiếp từ tờ %1.</translation>
    </message>
    <message>
        <source>This page changed after it was scanned and cannot be accepted: rescan it (Ctrl+Shift+R) or delete it (Del).</source>
        <translation>Trang này đã bị thay đổi sau khi quét nên không thể chấp nhận: hãy quét lại (Ctrl+Shift+R) hoặc xóa trang (Del).</translation>
    </message>
    <message>
        <source>recording the override</source>
        <translation>ghi nhận chấp nhận lỗi</translation>
    </message>
    <message>
        <source>applying the fix</source>
        <translation>sửa lỗi theo hướng dẫn</translation>
    </message>
    <message>
        <source>This finding has no automatic fix: rescan the page or accept it with a reason.</source>
        <translation>Lỗi này không có cách sửa tự động: hãy quét lại trang hoặc chấp nhận kèm lý do.</translation>
    </message>
    <message>
        <source>Fix or accept every finding before building the PDF.</source>
        <translation>Hãy sửa hoặc chấp nhận (kèm lý do) mọi lỗi trước khi tạo PDF.</translation>
    </message>
    <message>
        <source>Building the PDF…</source>
        <translation>Đang tạo tệp PDF…</translation>
    </message>
    <message>
        <source>building the PDF</source>
        <translation>tạo tệp PDF</translation>
    </message>
    <message>
        <source>PDF built; the component is ready to sign.</source>
        <translation>Đã tạo PDF; thành phần sẵn sàng để ký số.</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s) to look at; the PDF can be built.</source>
        <translation><numerusform>Có %n cảnh báo cần xem lại; vẫn có thể tạo PDF.</numerusform></translation>
    </message>
    <message>
        <source>reading the scanner's calibration</source>
        <translation>đọc kết quả hiệu chuẩn máy quét</translation>
    </message>
    <message>
        <source>Rescan page %1 (Ctrl+J)</source>
        <translation>Quét lại trang %1 (Ctrl+J)</translation>
    </message>
    <message>
        <source>Capture page %1 again (Ctrl+J)</source>
        <translation>Chụp lại trang %1 (Ctrl+J)</translation>
    </message>
    <message>
        <source>Straighten page %1 (Ctrl+J)</source>
        <translation>Xoay thẳng trang %1 (Ctrl+J)</translation>
    </message>
    <message>
        <source>Delete the repeated page %1 (Ctrl+J)</source>
        <translation>Xóa trang %1 bị quét lặp (Ctrl+J)</translation>
    </message>
    <message>
        <source>Confirm the backs are blank (Ctrl+J)</source>
        <translation>Xác nhận mặt sau đều trắng (Ctrl+J)</translation>
    </message>
    <message>
        <source>Drop the blank backs (Ctrl+J)</source>
        <translation>Bỏ các mặt sau trắng (Ctrl+J)</translation>
    </message>
    <message numerus="yes">
        <source>(+%n more)</source>
        <translation><numerusform>(+%n vấn đề khác)</numerusform></translation>
    </message>
    <message>
        <source>Thumbnail size (Ctrl+Shift++ / Ctrl+Shift+-)</source>
        <translation>Cỡ ảnh thu nhỏ (Ctrl+Shift++ / Ctrl+Shift+-)</translation>
    </message>
    <message>
        <source>Problems only</source>
        <translation>Chỉ trang có lỗi</translation>
    </message>
    <message>
        <source>Delete the selected pages (Ctrl or Shift + click selects several)</source>
        <translation>Xóa các trang đang chọn (giữ Ctrl hoặc Shift khi bấm để chọn nhiều trang)</translation>
    </message>
    <message>
        <source>Scan this batch again…</source>
        <translation>Quét lại lượt này…</translation>
    </message>
    <message>
        <source>Take out every page of the last batch and scan those sheets again</source>
        <translation>Bỏ mọi trang của lượt quét vừa rồi và quét lại các tờ đó</translation>
    </message>
    <message>
        <source>Si&amp;ze:</source>
        <translation>&amp;Cỡ:</translation>
    </message>
    <message>
        <source>deleting pages</source>
        <translation>đang xóa trang</translation>
    </message>
    <message>
        <source>taking the last batch out</source>
        <translation>đang bỏ lượt quét vừa rồi</translation>
    </message>
    <message>
        <source>Quality findings: %1 to fix, %2 warning(s), %3 accepted</source>
        <translation>Kiểm tra chất lượng: %1 lỗi cần xử lý, %2 cảnh báo, %3 đã chấp nhận</translation>
    </message>
    <message>
        <source>Scan this batch again</source>
        <translation>Quét lại lượt này</translation>
    </message>
    <message>
        <source>Take every page of the last batch out of this component and scan those sheets again? The pages taken out stay in the audit log.</source>
        <translation>Bỏ mọi trang của lượt quét vừa rồi khỏi thành phần này và quét lại các tờ đó? Các trang bị bỏ vẫn được ghi trong nhật ký.</translation>
    </message>
    <message>
        <source>Taking the last batch out…</source>
        <translation>Đang bỏ lượt quét vừa rồi…</translation>
    </message>
    <message>
        <source>Fit (Ctrl+0)</source>
        <translation>Vừa khung (Ctrl+0)</translation>
    </message>
    <message>
        <source>Feeder</source>
        <translation>Khay nạp giấy</translation>
    </message>
    <message>
        <source>Flatbed</source>
        <translation>Mặt kính</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Xám</translation>
    </message>
    <message>
        <source>Scan profile for document type %1 (changed in Settings).</source>
        <translation>Cấu hình quét của loại giấy tờ %1 (sửa trong Cài đặt).</translation>
    </message>
    <message>
        <source>Default scan profile (profiles per document type are set in Settings).</source>
        <translation>Cấu hình quét mặc định (cấu hình theo loại giấy tờ đặt trong Cài đặt).</translation>
    </message>
    <message>
        <source>correcting the sheet count</source>
        <translation>đang sửa số tờ</translation>
    </message>
    <message>
        <source>restoring pages</source>
        <translation>đang khôi phục trang</translation>
    </message>
    <message>
        <source>Nothing to undo: only the last deletion can be undone (Ctrl+Z).</source>
        <translation>Không có thao tác nào để hoàn tác: chỉ hoàn tác được lần xóa trang gần nhất (Ctrl+Z).</translation>
    </message>
    <message>
        <source>Delete the selected pages (Ctrl or Shift + click selects several; Ctrl+Z brings them back)</source>
        <translation>Xóa các trang đang chọn (giữ Ctrl hoặc Shift khi bấm để chọn nhiều trang; Ctrl+Z để lấy lại)</translation>
    </message>
</context>
<context>
    <name>SendScreen</name>
    <message>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Nội dung gửi</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Số lần gửi</translation>
    </message>
    <message>
        <source>Server's reason</source>
        <translation>Lý do máy chủ trả về</translation>
    </message>
    <message>
        <source>Send this dossier (Ctrl+Shift+S)</source>
        <translation>Gửi hồ sơ này (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Retry waiting items (Ctrl+T)</source>
        <translation>Gửi lại các mục đang chờ (Ctrl+T)</translation>
    </message>
    <message>
        <source>Result handed over: mark returned (Ctrl+Shift+K)</source>
        <translation>Đã trao kết quả: đánh dấu đã trả (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <source>Outbox: updates wait here while the server cannot be reached and are sent as soon as it can.</source>
        <translation>Hộp thư đi: các cập nhật chờ ở đây khi chưa kết nối được máy chủ và được gửi ngay khi kết nối lại.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Gửi hồ sơ</translation>
    </message>
    <message>
        <source>reading the outbox</source>
        <translation>đọc hộp thư đi</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Đang gửi</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>Failed, will retry</source>
        <translation>Lỗi, sẽ gửi lại</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Máy chủ từ chối</translation>
    </message>
    <message>
        <source>Dossier and files</source>
        <translation>Hồ sơ và tệp đính kèm</translation>
    </message>
    <message>
        <source>Warehouse document reused</source>
        <translation>Ghi nhận dùng lại giấy tờ trong kho</translation>
    </message>
    <message>
        <source>Status update</source>
        <translation>Cập nhật trạng thái</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Đang gửi…</translation>
    </message>
    <message>
        <source>sending the dossier</source>
        <translation>gửi hồ sơ</translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation>Đang gửi lại…</translation>
    </message>
    <message>
        <source>retrying the outbox</source>
        <translation>gửi lại hộp thư đi</translation>
    </message>
    <message>
        <source>All updates sent.</source>
        <translation>Đã gửi hết các cập nhật.</translation>
    </message>
    <message numerus="yes">
        <source>%n update(s) still waiting; they will be sent when the server answers.</source>
        <translation><numerusform>Còn %n cập nhật đang chờ; sẽ được gửi khi máy chủ phản hồi.</numerusform></translation>
    </message>
    <message>
        <source>Return of results</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <source>Has the citizen received the paper result of dossier %1?</source>
        <translation>Công dân đã nhận bản giấy kết quả của hồ sơ %1 chưa?</translation>
    </message>
    <message>
        <source>recording the return of results</source>
        <translation>ghi nhận trả kết quả</translation>
    </message>
    <message>
        <source>Dossier %1 marked as result returned; the update is in the outbox.</source>
        <translation>Hồ sơ %1 đã được đánh dấu đã trả kết quả; cập nhật đã vào hộp thư đi.</translation>
    </message>
    <message>
        <source>Looking in the owner's data warehouse…</source>
        <translation>Đang tìm trong kho dữ liệu của chủ hồ sơ…</translation>
    </message>
    <message>
        <source>Nothing in the warehouse for this component: scan the paper.</source>
        <translation>Kho dữ liệu không có giấy tờ cho thành phần này: hãy quét bản giấy.</translation>
    </message>
    <message>
        <source>searching the warehouse</source>
        <translation>tìm trong kho dữ liệu</translation>
    </message>
    <message>
        <source>attaching the warehouse document</source>
        <translation>đính kèm giấy tờ từ kho</translation>
    </message>
    <message>
        <source>Attached %1 from the warehouse</source>
        <translation>Đã lấy %1 từ kho dữ liệu</translation>
    </message>
    <message>
        <source>Province's status</source>
        <translation>Trạng thái tại tỉnh</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <source>Feedback on a warehouse document</source>
        <translation>Phản ánh giấy tờ trong kho</translation>
    </message>
    <message>
        <source>Portal account link request</source>
        <translation>Yêu cầu liên kết tài khoản Cổng DVC</translation>
    </message>
    <message>
        <source>Result forwarded to another agency</source>
        <translation>Giấy tờ chuyển cơ quan quản lý / chứng thực</translation>
    </message>
    <message>
        <source>Not ready to send: %1 must be signed (Ctrl+5) or recorded as not provided (Ctrl+3).</source>
        <translation>Chưa gửi được: %1 cần được ký số (Ctrl+5) hoặc ghi nhận không nộp (Ctrl+3).</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Server, trust anchors and agency are changed by an administrator.</source>
        <translation>Máy chủ, thư mục chứng thư tin cậy và mã cơ quan do quản trị viên thay đổi.</translation>
    </message>
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
    <message>
        <source>Time-stamp server:</source>
        <translation>Máy chủ cấp dấu thời gian:</translation>
    </message>
    <message>
        <source>Agency name on copies:</source>
        <translation>Tên cơ quan in trên bản sao:</translation>
    </message>
    <message>
        <source>Officer's title:</source>
        <translation>Chức danh cán bộ:</translation>
    </message>
    <message>
        <source>Agency seal image (certified copies):</source>
        <translation>Ảnh con dấu cơ quan (bản sao chứng thực):</translation>
    </message>
    <message>
        <source>PNG of the red seal at its real size (dpi recorded)</source>
        <translation>Ảnh PNG con dấu đỏ đúng kích thước thật (có ghi dpi)</translation>
    </message>
    <message>
        <source>Scan &amp;profiles…</source>
        <translation>&amp;Cấu hình quét…</translation>
    </message>
</context>
<context>
    <name>SignScreen</name>
    <message>
        <source>Find certificates (Ctrl+L)</source>
        <translation>Tìm chứng thư số (Ctrl+L)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>Ký số</translation>
    </message>
    <message>
        <source>Sign the dossier's documents (Ctrl+G)</source>
        <translation>Ký số các tài liệu của hồ sơ (Ctrl+G)</translation>
    </message>
    <message>
        <source>Stop (Esc)</source>
        <translation>Dừng (Esc)</translation>
    </message>
    <message>
        <source>PKCS#11 module:</source>
        <translation>Thư viện PKCS#11:</translation>
    </message>
    <message>
        <source>Token and certificate:</source>
        <translation>Token và chứng thư số:</translation>
    </message>
    <message>
        <source>Documents of the dossier:</source>
        <translation>Tài liệu của hồ sơ:</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Ký số</translation>
    </message>
    <message>
        <source>Looking for tokens…</source>
        <translation>Đang tìm token…</translation>
    </message>
    <message>
        <source>reading the token</source>
        <translation>đọc token</translation>
    </message>
    <message>
        <source>agency</source>
        <translation>cơ quan</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>cán bộ</translation>
    </message>
    <message>
        <source>%1 — %2 (%3), valid until %4</source>
        <translation>%1 — %2 (%3), hiệu lực đến %4</translation>
    </message>
    <message>
        <source>No certificate found: insert the token and press Find certificates.</source>
        <translation>Không tìm thấy chứng thư số: hãy cắm token rồi bấm Tìm chứng thư số.</translation>
    </message>
    <message>
        <source>Open a dossier first (Today's dossiers or Reception).</source>
        <translation>Hãy mở một hồ sơ trước (Hồ sơ hôm nay hoặc Tiếp nhận).</translation>
    </message>
    <message>
        <source>listing documents</source>
        <translation>liệt kê tài liệu</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Đã ký số</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Chờ ký</translation>
    </message>
    <message>
        <source>Choose a certificate first.</source>
        <translation>Hãy chọn chứng thư số trước.</translation>
    </message>
    <message>
        <source>The PIN is empty.</source>
        <translation>Chưa nhập mã PIN.</translation>
    </message>
    <message>
        <source>Signing… a timestamp server may take a while; you can keep working.</source>
        <translation>Đang ký số… máy chủ cấp dấu thời gian có thể trả lời chậm; có thể tiếp tục làm việc khác.</translation>
    </message>
    <message>
        <source>signing</source>
        <translation>ký số</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) signed.</source>
        <translation><numerusform>Đã ký %n tài liệu.</numerusform></translation>
    </message>
    <message>
        <source>Signing stopped. Documents already signed stay signed.</source>
        <translation>Đã dừng ký. Các tài liệu đã ký vẫn giữ chữ ký.</translation>
    </message>
    <message>
        <source>Stopping after the current document…</source>
        <translation>Sẽ dừng sau tài liệu đang ký…</translation>
    </message>
    <message>
        <source>Agency key</source>
        <translation>Khóa của cơ quan</translation>
    </message>
    <message numerus="yes">
        <source>Sign %n document(s) with the AGENCY's key “%1”?</source>
        <translation><numerusform>Ký %n tài liệu bằng khóa của CƠ QUAN “%1”?</numerusform></translation>
    </message>
    <message>
        <source>The agency's key is only for certified copies (SAO Y) and results the agency issues. The signature carries the agency's name and the legal force of the original.</source>
        <translation>Khóa của cơ quan chỉ dùng để ký bản sao y (SAO Y) và kết quả do cơ quan ban hành. Chữ ký mang tên cơ quan và có giá trị pháp lý như bản chính.</translation>
    </message>
    <message>
        <source>Sign with the agency's key</source>
        <translation>Ký bằng khóa của cơ quan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Khóa ký</translation>
    </message>
    <message>
        <source>agency (certified copy)</source>
        <translation>cơ quan (bản sao y)</translation>
    </message>
    <message>
        <source>No certificate of the agency on this token.</source>
        <translation>Token này không có chứng thư số của cơ quan.</translation>
    </message>
    <message>
        <source>No certificate of an officer on this token.</source>
        <translation>Token này không có chứng thư số của cán bộ.</translation>
    </message>
    <message>
        <source>This key cannot sign the waiting documents: choose the key shown in the Key column.</source>
        <translation>Khóa này không ký được các tài liệu đang chờ: hãy chọn khóa ghi ở cột Khóa ký.</translation>
    </message>
    <message numerus="yes">
        <source>Agency's key: signs %n certified copy(ies) in the agency's name; you will be asked to confirm.</source>
        <translation><numerusform>Khóa của cơ quan: ký %n bản sao y nhân danh cơ quan; sẽ hỏi xác nhận trước khi ký.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Officer's key: signs %n digitized document(s).</source>
        <translation><numerusform>Khóa của cán bộ: ký %n tài liệu số hóa.</numerusform></translation>
    </message>
    <message>
        <source>Nothing was signed with the agency's key.</source>
        <translation>Chưa ký tài liệu nào bằng khóa của cơ quan.</translation>
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
    <message>
        <source>Components</source>
        <translation>Thành phần</translation>
    </message>
    <message>
        <source>Send status</source>
        <translation>Tình trạng gửi</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Enter: the next step · right click: all actions</source>
        <translation>Enter: bước tiếp theo · chuột phải: mọi thao tác</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Đang gửi</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Máy chủ từ chối</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Chưa gửi</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>Tiếp nhận lúc %1</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn trả kết quả</translation>
    </message>
    <message>
        <source>Due today or tomorrow</source>
        <translation>Đến hạn trả hôm nay hoặc ngày mai</translation>
    </message>
    <message>
        <source>Due later</source>
        <translation>Chưa đến hạn trả</translation>
    </message>
    <message>
        <source>Open the dossier</source>
        <translation>Mở hồ sơ</translation>
    </message>
    <message>
        <source>Continue scanning</source>
        <translation>Tiếp tục số hóa</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Ký số</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Gửi hồ sơ</translation>
    </message>
    <message>
        <source>Return the result…</source>
        <translation>Trả kết quả…</translation>
    </message>
    <message>
        <source>Return of results</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <source>Has the citizen received the paper result of dossier %1?</source>
        <translation>Công dân đã nhận bản giấy kết quả của hồ sơ %1 chưa?</translation>
    </message>
    <message>
        <source>Yes, result handed over</source>
        <translation>Đã trao kết quả</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Chưa</translation>
    </message>
    <message>
        <source>recording the return of results</source>
        <translation>ghi nhận trả kết quả</translation>
    </message>
    <message>
        <source>Dossier %1 marked as result returned; the update is in the outbox.</source>
        <translation>Hồ sơ %1 đã được đánh dấu đã trả kết quả; cập nhật đã vào hộp thư đi.</translation>
    </message>
</context>
<context>
    <name>WarehouseDialog</name>
    <message>
        <source>Take from the warehouse</source>
        <translation>Lấy từ kho</translation>
    </message>
    <message>
        <source>%1 — %2, issued %3 by %4 (used %5 times)</source>
        <translation>%1 — %2, cấp ngày %3 bởi %4 (đã sử dụng %5 lần)</translation>
    </message>
    <message>
        <source>Several documents in the owner's data warehouse fit this component. If the paper differs from the electronic data, scan the paper instead.</source>
        <translation>Kho dữ liệu của chủ hồ sơ có nhiều giấy tờ phù hợp với thành phần này. Nếu bản giấy khác dữ liệu điện tử, hãy quét bản giấy.</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Lưu tất cả</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Có với &amp;tất cả</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>K&amp;hông với tất cả</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Không lưu</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Đặt lại</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Khôi phục mặc định</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Xem chi tiết...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Ẩn chi tiết...</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cắ&amp;t</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cắ&amp;t</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to the provincial system</source>
        <translation>Đăng nhập hệ thống tỉnh</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source>(not configured)</source>
        <translation>(chưa cấu hình)</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>All days</source>
        <translation>Mọi ngày</translation>
    </message>
    <message>
        <source>Officer (Ctrl+F)</source>
        <translation>Cán bộ (Ctrl+F)</translation>
    </message>
    <message>
        <source>Procedure code</source>
        <translation>Mã thủ tục</translation>
    </message>
    <message>
        <source>Every state</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>Waiting for review</source>
        <translation>Chờ kiểm tra</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Đã duyệt</translation>
    </message>
    <message>
        <source>Sent back</source>
        <translation>Đã trả lại</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Làm mới (F5)</translation>
    </message>
    <message>
        <source>Draw the day's sample (Ctrl+D)</source>
        <translation>Rút mẫu trong ngày (Ctrl+D)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Dossier number</source>
        <translation>Số hồ sơ</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Cán bộ</translation>
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
        <source>Why in the queue</source>
        <translation>Lý do kiểm tra</translation>
    </message>
    <message>
        <source>Choose a dossier in the queue (Enter)</source>
        <translation>Chọn một hồ sơ trong hàng đợi (Enter)</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Thành phần</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Trang</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Độ phân giải</translation>
    </message>
    <message>
        <source>Skew</source>
        <translation>Độ nghiêng</translation>
    </message>
    <message>
        <source>Sharpness</source>
        <translation>Độ nét</translation>
    </message>
    <message>
        <source>QC findings</source>
        <translation>Kết quả kiểm tra chất lượng</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Người chấp nhận</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Vấn đề</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Document code</source>
        <translation>Mã tài liệu</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>&amp;1 Pages and QC</source>
        <translation>&amp;1 Trang và kiểm tra</translation>
    </message>
    <message>
        <source>&amp;2 Overrides</source>
        <translation>&amp;2 Chấp nhận lỗi</translation>
    </message>
    <message>
        <source>&amp;3 Metadata</source>
        <translation>&amp;3 Siêu dữ liệu</translation>
    </message>
    <message>
        <source>&amp;4 Signatures</source>
        <translation>&amp;4 Chữ ký số</translation>
    </message>
    <message>
        <source>&amp;5 Reused documents</source>
        <translation>&amp;5 Tài liệu tái sử dụng</translation>
    </message>
    <message>
        <source>&amp;6 Audit trail</source>
        <translation>&amp;6 Nhật ký</translation>
    </message>
    <message>
        <source>Reason to send back (blank: fine)</source>
        <translation>Lý do trả lại (để trống: đạt)</translation>
    </message>
    <message>
        <source>Overall reason (optional)</source>
        <translation>Lý do chung (không bắt buộc)</translation>
    </message>
    <message>
        <source>Approve (Ctrl+Enter)</source>
        <translation>Duyệt (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Send back (Ctrl+B)</source>
        <translation>Trả lại (Ctrl+B)</translation>
    </message>
    <message>
        <source>Quality review</source>
        <translation>Kiểm tra hồ sơ</translation>
    </message>
    <message>
        <source>Only a supervisor reviews dossiers.</source>
        <translation>Chỉ giám sát viên được kiểm tra hồ sơ.</translation>
    </message>
    <message>
        <source>reading the review queue</source>
        <translation>đọc hàng đợi kiểm tra</translation>
    </message>
    <message>
        <source>random sample</source>
        <translation>chọn ngẫu nhiên</translation>
    </message>
    <message>
        <source>override</source>
        <translation>chấp nhận lỗi</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>giám sát chọn</translation>
    </message>
    <message numerus="yes">
        <source>%n dossier(s) to review</source>
        <translation><numerusform>%n hồ sơ cần kiểm tra</numerusform></translation>
    </message>
    <message>
        <source>reading the dossier</source>
        <translation>đọc hồ sơ</translation>
    </message>
    <message>
        <source>%1 — %2 — received by %3 — version %4</source>
        <translation>%1 — %2 — cán bộ tiếp nhận: %3 — phiên bản %4</translation>
    </message>
    <message>
        <source>The workstation has not sent this dossier's review packet yet.</source>
        <translation>Máy trạm chưa gửi thông tin kiểm tra của hồ sơ này.</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>thiếu</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>sai định dạng</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>đã chấp nhận</translation>
    </message>
    <message>
        <source>&amp;2 Overrides (%1)</source>
        <translation>&amp;2 Chấp nhận lỗi (%1)</translation>
    </message>
    <message>
        <source>&amp;3 Metadata (%1)</source>
        <translation>&amp;3 Siêu dữ liệu (%1)</translation>
    </message>
    <message>
        <source>Reasons are written: send the dossier back, or clear them to approve.</source>
        <translation>Đã ghi lý do trả lại: hãy trả lại hồ sơ, hoặc xóa lý do để duyệt.</translation>
    </message>
    <message>
        <source>sending the decision</source>
        <translation>gửi kết quả kiểm tra</translation>
    </message>
    <message>
        <source>%1 approved.</source>
        <translation>Hồ sơ %1 đã được duyệt.</translation>
    </message>
    <message>
        <source>%1 sent back to the officer.</source>
        <translation>Hồ sơ %1 đã trả lại cho cán bộ.</translation>
    </message>
    <message>
        <source>The provincial system is unreachable: the decision waits in the outbox.</source>
        <translation>Không kết nối được hệ thống tỉnh: kết quả kiểm tra nằm trong hàng đợi gửi.</translation>
    </message>
    <message>
        <source>Sample %1: %2 of %3 dossiers drawn at random.</source>
        <translation>Mẫu %1: chọn ngẫu nhiên %2 trên %3 hồ sơ.</translation>
    </message>
    <message>
        <source>drawing the sample</source>
        <translation>rút mẫu kiểm tra</translation>
    </message>
    <message>
        <source>no scan session</source>
        <translation>không có phiên quét</translation>
    </message>
    <message>
        <source>Choose a page</source>
        <translation>Chọn một trang</translation>
    </message>
    <message>
        <source>Loading the page…</source>
        <translation>Đang tải trang…</translation>
    </message>
    <message>
        <source>reading the pages</source>
        <translation>đọc các trang</translation>
    </message>
    <message>
        <source>No page image for this row</source>
        <translation>Dòng này không có ảnh trang</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Tuần này</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Tháng này</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Năm nay</translation>
    </message>
    <message>
        <source>Chosen dates</source>
        <translation>Chọn ngày</translation>
    </message>
    <message>
        <source>By officer</source>
        <translation>Theo cán bộ</translation>
    </message>
    <message>
        <source>By procedure</source>
        <translation>Theo thủ tục</translation>
    </message>
    <message>
        <source>Whole agency (provincial system)</source>
        <translation>Toàn cơ quan (hệ thống tỉnh)</translation>
    </message>
    <message>
        <source>This workstation</source>
        <translation>Máy trạm này</translation>
    </message>
    <message>
        <source>Show (F5)</source>
        <translation>Xem (F5)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Xuất CSV</translation>
    </message>
    <message>
        <source>Export Excel</source>
        <translation>Xuất Excel</translation>
    </message>
    <message>
        <source>Dossiers received</source>
        <translation>Hồ sơ tiếp nhận</translation>
    </message>
    <message>
        <source>Pages digitized</source>
        <translation>Số trang số hóa</translation>
    </message>
    <message>
        <source>Reuse rate (period)</source>
        <translation>Tỷ lệ tái sử dụng (kỳ)</translation>
    </message>
    <message>
        <source>Reuse rate, year to date</source>
        <translation>Tỷ lệ tái sử dụng từ đầu năm</translation>
    </message>
    <message>
        <source>QC passed first time</source>
        <translation>Đạt kiểm tra ngay lần đầu</translation>
    </message>
    <message>
        <source>Sent back</source>
        <translation>Bị trả lại</translation>
    </message>
    <message>
        <source>Overrides</source>
        <translation>Chấp nhận lỗi</translation>
    </message>
    <message>
        <source>Hours to send (median)</source>
        <translation>Số giờ đến khi gửi (trung vị)</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Nhóm</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Trang</translation>
    </message>
    <message>
        <source>Reuse rate</source>
        <translation>Tỷ lệ tái sử dụng</translation>
    </message>
    <message>
        <source>QC first pass</source>
        <translation>Đạt lần đầu</translation>
    </message>
    <message>
        <source>Indicator (Decision 766)</source>
        <translation>Chỉ số (Quyết định 766)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Full points at</source>
        <translation>Ngưỡng điểm tối đa</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <source>Reuse rate by group (%), target 60%</source>
        <translation>Tỷ lệ tái sử dụng theo nhóm (%), chỉ tiêu 60%</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>computing the figures</source>
        <translation>tính số liệu</translation>
    </message>
    <message>
        <source>Reuse rate year to date %1 against the target of %2</source>
        <translation>Tỷ lệ tái sử dụng từ đầu năm %1 so với chỉ tiêu %2</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>đạt</translation>
    </message>
    <message>
        <source>no</source>
        <translation>chưa đạt</translation>
    </message>
    <message>
        <source>Export the figures</source>
        <translation>Xuất số liệu</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>The configuration file has errors; defaults are used for these keys:</source>
        <translation>Tệp cấu hình có lỗi; các mục sau đang dùng giá trị mặc định:</translation>
    </message>
</context>
<context>
    <name>WarehouseLookDialog</name>
    <message>
        <source>Data warehouse — look before taking</source>
        <translation>Kho dữ liệu — xem trước khi lấy</translation>
    </message>
    <message>
        <source>Name, code, decision number, issuing agency or abstract</source>
        <translation>Tên giấy tờ, mã, số quyết định, cơ quan ban hành hoặc trích yếu</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <source>Choose a document to see its pages</source>
        <translation>Chọn một giấy tờ để xem các trang</translation>
    </message>
    <message>
        <source>Take this document</source>
        <translation>Lấy giấy tờ này</translation>
    </message>
    <message>
        <source>Wrong citizen information</source>
        <translation>Sai thông tin công dân</translation>
    </message>
    <message>
        <source>Not the citizen's result</source>
        <translation>Không phải kết quả của công dân</translation>
    </message>
    <message>
        <source>Not signed with a Government Cipher Committee certificate</source>
        <translation>Không ký số bằng chứng thư số của Ban Cơ yếu Chính phủ</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Ghi chú (không bắt buộc)</translation>
    </message>
    <message>
        <source>Not this one (send feedback)</source>
        <translation>Không phải giấy tờ này (gửi phản ánh)</translation>
    </message>
    <message>
        <source>Why the paper differs from the electronic copy</source>
        <translation>Lý do bản giấy khác bản điện tử</translation>
    </message>
    <message>
        <source>Take the paper instead</source>
        <translation>Dùng bản giấy thay thế</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Chữ ký số</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <source>Searching the owner's data warehouse…</source>
        <translation>Đang tra cứu Kho dữ liệu của công dân…</translation>
    </message>
    <message>
        <source>searching the warehouse</source>
        <translation>tra cứu kho dữ liệu</translation>
    </message>
    <message>
        <source>%1 document(s) found</source>
        <translation>Tìm thấy %1 giấy tờ</translation>
    </message>
    <message>
        <source>Nothing found in the warehouse: digitize the paper.</source>
        <translation>Không có giấy tờ trong kho: số hóa bản giấy.</translation>
    </message>
    <message>
        <source>Cannot be taken: %1</source>
        <translation>Không lấy được: %1</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã giấy tờ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên giấy tờ</translation>
    </message>
    <message>
        <source>Decision number</source>
        <translation>Số quyết định</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Ngày ban hành</translation>
    </message>
    <message>
        <source>Abstract</source>
        <translation>Trích yếu</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Số lần sử dụng</translation>
    </message>
    <message>
        <source>Rendering the pages…</source>
        <translation>Đang hiển thị các trang…</translation>
    </message>
    <message>
        <source>rendering the warehouse document</source>
        <translation>hiển thị giấy tờ trong kho</translation>
    </message>
    <message>
        <source>No page to show</source>
        <translation>Không có trang để hiển thị</translation>
    </message>
    <message>
        <source>Attaching %1…</source>
        <translation>Đang lấy %1…</translation>
    </message>
    <message>
        <source>attaching the warehouse document</source>
        <translation>lấy giấy tờ từ kho</translation>
    </message>
    <message>
        <source>Feedback on %1 sent to the province.</source>
        <translation>Đã gửi phản ánh về %1 lên hệ thống tỉnh.</translation>
    </message>
    <message>
        <source>Feedback on %1 waits in the outbox (server away); it is sent later.</source>
        <translation>Phản ánh về %1 đang chờ trong hàng đợi gửi (mất kết nối máy chủ); sẽ gửi sau.</translation>
    </message>
    <message>
        <source>sending feedback</source>
        <translation>gửi phản ánh</translation>
    </message>
    <message>
        <source>taking the paper instead</source>
        <translation>dùng bản giấy thay thế</translation>
    </message>
</context>
<context>
    <name>HelpKeys</name>
    <message>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Cancel the running work</source>
        <translation>Dừng việc đang chạy</translation>
    </message>
    <message>
        <source>Delete the selected page</source>
        <translation>Xóa trang đang chọn</translation>
    </message>
    <message>
        <source>Fit the page to the viewer</source>
        <translation>Vừa khung xem</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <source>Next tab</source>
        <translation>Thẻ tiếp theo</translation>
    </message>
    <message>
        <source>Actions of the selected row</source>
        <translation>Các thao tác với dòng đang chọn</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Go to: %1</source>
        <translation>Chuyển đến: %1</translation>
    </message>
    <message>
        <source>This help</source>
        <translation>Bảng phím tắt này</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>Ô tiếp theo / ô trước</translation>
    </message>
    <message>
        <source>Run the focused button or the row's next step</source>
        <translation>Bấm nút đang chọn hoặc làm bước tiếp theo của dòng</translation>
    </message>
    <message>
        <source>Close a dialog (its safe answer)</source>
        <translation>Đóng hộp thoại (chọn câu trả lời an toàn)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <source>On this screen: %1</source>
        <translation>Trên màn hình này: %1</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Ở mọi màn hình</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Phím</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Tác dụng</translation>
    </message>
    <message>
        <source>No keys of its own</source>
        <translation>Không có phím riêng</translation>
    </message>
    <message>
        <source>Find a procedure</source>
        <translation>Tìm thủ tục</translation>
    </message>
</context>
<context>
    <name>ScanProfiles</name>
    <message>
        <source>Document type</source>
        <translation>Loại giấy tờ</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Máy quét</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn giấy</translation>
    </message>
    <message>
        <source>Both sides</source>
        <translation>Hai mặt</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Độ phân giải</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Xám</translation>
    </message>
    <message>
        <source>Feeder</source>
        <translation>Khay nạp giấy</translation>
    </message>
    <message>
        <source>Flatbed</source>
        <translation>Mặt kính</translation>
    </message>
    <message>
        <source>&amp;Add a document type</source>
        <translation>&amp;Thêm loại giấy tờ</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Xóa dòng</translation>
    </message>
    <message>
        <source>&amp;Save the profiles</source>
        <translation>&amp;Lưu cấu hình</translation>
    </message>
    <message>
        <source>The row without a document type is the default profile. Document types are the catalogue's codes (GKS, DON, GCS…).</source>
        <translation>Dòng không ghi loại giấy tờ là cấu hình mặc định. Loại giấy tờ ghi theo mã trong danh mục (GKS, DON, GCS…).</translation>
    </message>
    <message>
        <source>saving the scan profiles</source>
        <translation>đang lưu cấu hình quét</translation>
    </message>
    <message>
        <source>Scan profiles saved.</source>
        <translation>Đã lưu cấu hình quét.</translation>
    </message>
    <message>
        <source>Scan profiles per document type</source>
        <translation>Cấu hình quét theo loại giấy tờ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <source>To do</source>
        <translation>Chưa xử lý</translation>
    </message>
    <message>
        <source>Scanned, PDF not built</source>
        <translation>Đã quét, chưa tạo PDF</translation>
    </message>
    <message>
        <source>PDF built, to sign</source>
        <translation>Đã tạo PDF, chờ ký số</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Đã ký số</translation>
    </message>
    <message>
        <source>From the warehouse</source>
        <translation>Lấy từ kho</translation>
    </message>
    <message>
        <source>Not provided</source>
        <translation>Không nộp</translation>
    </message>
    <message>
        <source>Scan stopped: resume it</source>
        <translation>Quét bị dừng: quét tiếp</translation>
    </message>
    <message>
        <source>%1 of %2 components done</source>
        <translation>Đã xong %1/%2 thành phần</translation>
    </message>
</context>
<context>
    <name>NotProvidedDialog</name>
    <message>
        <source>Component not provided</source>
        <translation>Thành phần không nộp</translation>
    </message>
    <message>
        <source>Record that the citizen does not provide “%1”?</source>
        <translation>Ghi nhận công dân không nộp “%1”?</translation>
    </message>
    <message>
        <source>The procedure requires this component: record it only when the law allows the dossier without it.</source>
        <translation>Thủ tục yêu cầu thành phần này: chỉ ghi nhận khi quy định cho phép hồ sơ thiếu thành phần này.</translation>
    </message>
    <message>
        <source>Reason (required), e.g. the citizen is not delegated</source>
        <translation>Lý do (bắt buộc), ví dụ: công dân tự nộp, không ủy quyền</translation>
    </message>
    <message>
        <source>Record as not provided</source>
        <translation>Ghi nhận không nộp</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Lý do:</translation>
    </message>
</context>
<context>
    <name>FlowHeader</name>
    <message>
        <source>No dossier open: receive one (Ctrl+2) or open it from Today's dossiers (Ctrl+1).</source>
        <translation>Chưa mở hồ sơ: tiếp nhận hồ sơ mới (Ctrl+2) hoặc mở từ Hồ sơ hôm nay (Ctrl+1).</translation>
    </message>
    <message>
        <source>Dossier %1 — %2 — %3</source>
        <translation>Hồ sơ %1 — %2 — %3</translation>
    </message>
    <message>
        <source>1. Reception</source>
        <translation>1. Tiếp nhận</translation>
    </message>
    <message>
        <source>2. Components %1/%2</source>
        <translation>2. Thành phần %1/%2</translation>
    </message>
    <message>
        <source>3. Signing %1/%2</source>
        <translation>3. Ký số %1/%2</translation>
    </message>
    <message>
        <source>4. Sent</source>
        <translation>4. Đã gửi</translation>
    </message>
    <message>
        <source>4. In the outbox</source>
        <translation>4. Đang chờ gửi</translation>
    </message>
    <message>
        <source>4. Sending</source>
        <translation>4. Gửi hồ sơ</translation>
    </message>
    <message>
        <source>Next: digitize “%1” (Ctrl+3, then Ctrl+D), take it from the warehouse (Ctrl+K) or mark it not provided.</source>
        <translation>Tiếp theo: số hóa “%1” (Ctrl+3 rồi Ctrl+D), lấy từ kho (Ctrl+K) hoặc ghi nhận không nộp.</translation>
    </message>
    <message numerus="yes">
        <source>Next: sign %n document(s) (Ctrl+5, then Ctrl+G).</source>
        <translation><numerusform>Tiếp theo: ký số %n tài liệu (Ctrl+5 rồi Ctrl+G).</numerusform></translation>
    </message>
    <message>
        <source>Next: send the dossier (Ctrl+6, then Ctrl+Shift+S).</source>
        <translation>Tiếp theo: gửi hồ sơ (Ctrl+6 rồi Ctrl+Shift+S).</translation>
    </message>
</context>
<context>
    <name>GuidedFlow</name>
    <message>
        <source>PDF of “%1” built. Every component is digitized: sign them now (Ctrl+G).</source>
        <translation>Đã tạo PDF “%1”. Mọi thành phần đã số hóa: ký số ngay (Ctrl+G).</translation>
    </message>
    <message>
        <source>PDF of “%1” built. Next component: “%2”.</source>
        <translation>Đã tạo PDF “%1”. Thành phần tiếp theo: “%2”.</translation>
    </message>
    <message>
        <source>Every required component is signed: send the dossier (Ctrl+Shift+S).</source>
        <translation>Mọi thành phần bắt buộc đã ký số: gửi hồ sơ (Ctrl+Shift+S).</translation>
    </message>
</context>
</TS>
