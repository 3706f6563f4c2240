; Inno Setup 6 script: wraps the PyInstaller folder (dist\motcua-station) into a per-machine
; installer with a Start-menu entry and an uninstaller. Build on Windows after PyInstaller:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\windows\motcua.iss
; Not compiled here (no Inno Setup compiler on the build machine of this repository).
; Pre-seeded configuration: put a config.toml next to motcua-station-setup.exe; it is copied to
; %ProgramData%\motcua\config.toml unless one is already there (see installer/linux/config.toml.example).
; Silent install for IT: motcua-station-setup.exe /VERYSILENT /SUPPRESSMSGBOXES
#define AppVersion "0.1.0"

[Setup]
AppId={{6B0B7C4E-2F1D-4D2E-9C1A-5E3A7D0C9B21}
AppName=Trạm Số hóa Một cửa
AppVersion={#AppVersion}
AppPublisher=Trạm Số hóa Một cửa
DefaultDirName={autopf}\MotcuaStation
DefaultGroupName=Trạm Số hóa Một cửa
OutputDir=..\..\dist
OutputBaseFilename=motcua-station-setup-{#AppVersion}
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\motcua.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\motcua-station\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion createallsubdirs
Source: "{src}\config.toml"; DestDir: "{commonappdata}\motcua"; Flags: external skipifsourcedoesntexist onlyifdoesntexist uninsneveruninstall

[Dirs]
Name: "{commonappdata}\motcua"; Flags: uninsneveruninstall

[Icons]
Name: "{group}\Trạm Số hóa Một cửa"; Filename: "{app}\motcua.exe"; Parameters: "ui"
Name: "{group}\Tự kiểm tra (self-test)"; Filename: "{cmd}"; Parameters: "/k ""{app}\motcua-cli.exe"" selftest"
Name: "{group}\Gỡ cài đặt (uninstall)"; Filename: "{uninstallexe}"
Name: "{commondesktop}\Trạm Số hóa Một cửa"; Filename: "{app}\motcua.exe"; Parameters: "ui"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Biểu tượng trên màn hình (desktop icon)"; Flags: unchecked
