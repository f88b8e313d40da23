; Counterpart for Windows: a per-user installer (no admin rights) over the PyInstaller one-folder
; bundle of packaging/counterpart.spec, the same recipe as the Linux .deb and .tar.gz.
; Built by .github/workflows/windows-installer.yml:
;   pyinstaller --distpath dist packaging\counterpart.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\counterpart.iss   -> dist\counterpart-0.1.0-windows-x64-setup.exe
; Settings, the local database and logs live in %LOCALAPPDATA%\Counterpart (platformdirs), outside
; the program folder, so upgrades and uninstalls leave them alone unless the user asks.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\counterpart"
#endif

[Setup]
; Never change AppId: it is how a newer installer finds the installed copy and upgrades it in place.
AppId={{8C1F6D2E-5B7A-4E39-9A0C-3F2D4B6E8A71}
AppName=Counterpart
AppVersion={#AppVersion}
AppVerName=Counterpart {#AppVersion}
AppPublisher=Counterpart
AppComments=A desktop companion for the point of sale
; Per user, no UAC prompt: store staff rarely have admin rights.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\Counterpart
DisableDirPage=auto
UsePreviousAppDir=yes
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; An upgrade closes a running Counterpart first (Restart Manager) instead of failing on locked files.
CloseApplications=yes
RestartApplications=no
OutputDir=..\..\dist
OutputBaseFilename=counterpart-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName=Counterpart
UninstallDisplayIcon={app}\counterpart.exe
SetupLogging=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; Upgrades replace the bundle whole: a library an older version shipped and this one does not
; must not stay behind in _internal to be loaded by mistake.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Counterpart"; Filename: "{app}\counterpart.exe"; Comment: "Live orders, prices, bonuses and dropship"
Name: "{autodesktop}\Counterpart"; Filename: "{app}\counterpart.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\counterpart.exe"; Description: "{cm:LaunchProgram,Counterpart}"; Flags: nowait postinstall skipifsilent

[Code]
// Uninstalling removes the program only. The user's settings, database and logs are deleted
// only if they answer Yes; a silent uninstall (/VERYSILENT) always keeps them.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{localappdata}\Counterpart');
  if UninstallSilent or not DirExists(DataDir) then
    Exit;
  if MsgBox('Also delete Counterpart''s settings, local database and logs?' + #13#10 + DataDir +
            #13#10#13#10 + 'Choose No to keep them for a later installation.',
            mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
    DelTree(DataDir, True, True, True);
end;
