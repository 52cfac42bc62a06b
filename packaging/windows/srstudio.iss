; Inno Setup script for SR Studio's Windows installers (both variants).
; scripts/build.py package runs it after a build, e.g.
;   iscc /DAppName="SR Studio" /DAppVersion=0.1.0 /DSourceDir="dist\SR Studio"
;        /DOutputDir=out /DOutputName=SR-Studio-0.1.0-windows-x64 packaging\windows\srstudio.iss
; Per-user install by default (no administrator prompt); the dialog offers all users.
; A Start-menu entry for the app, an optional desktop icon, and an uninstaller
; (Settings > Apps, or the Start-menu entry "Uninstall ...").

#ifndef AppName
  #define AppName "SR Studio"
#endif
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\" + AppName
#endif
#ifndef OutputDir
  #define OutputDir "..\..\out"
#endif
#ifndef OutputName
  #define OutputName StringChange(AppName, " ", "-") + "-" + AppVersion + "-windows-x64"
#endif
; lean and full builds install side by side: each has its own AppId
#if AppName == "SR Studio Pro"
  #define AppGuid "{{6F1C2E59-4B7B-4E59-9E1A-5D4C0B5A2F11}"
#else
  #define AppGuid "{{3A8E7C14-2D61-4F0B-8B2C-7E9D1F4A6C22}"
#endif

[Setup]
AppId={#AppGuid}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=SR Studio
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename={#OutputName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppName}.exe
UninstallDisplayName={#AppName}

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppName}.exe"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppName}.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppName}.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
