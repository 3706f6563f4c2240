; Inno Setup script: wraps the PyInstaller folder into a per-machine installer.
; Build on Windows after PyInstaller:  iscc installer\windows\motcua.iss
[Setup]
AppName=Trạm Số hóa Một cửa
AppVersion=0.1.0
DefaultDirName={autopf}\MotcuaStation
DefaultGroupName=Trạm Số hóa Một cửa
OutputBaseFilename=motcua-station-setup
PrivilegesRequired=admin

[Files]
Source: "..\..\dist\motcua-station\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Trạm Số hóa Một cửa"; Filename: "{app}\motcua.exe"; Parameters: "ui"
Name: "{commondesktop}\Trạm Số hóa Một cửa"; Filename: "{app}\motcua.exe"; Parameters: "ui"

[Registry]
; Resources are found next to the executable in the frozen build.
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: string; ValueName: "MOTCUA_RESOURCES"; ValueData: "{app}\_internal\resources"
