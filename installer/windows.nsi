; kamarhitung's Windows installer (NSIS 3, Modern UI 2): wraps the PyInstaller folder
; build\dist\kamarhitung (built on Windows by installer\build-windows.ps1) into one setup .exe.
;
;   makensis /DVERSION=0.1.0 /DSOURCE_DIR=...\build\dist\kamarhitung /DICON=...\kamarhitung.ico
;            /DOUTFILE=...\dist\kamarhitung-0.1.0-windows-x64-setup.exe installer\windows.nsi
;
; Per-user installation, in %LOCALAPPDATA%\Programs\kamarhitung (as VS Code's user installer
; does): no administrator rights and no UAC prompt, which a supervisor on a borrowed counting-room
; laptop often does not have; each Windows account has its own copy; updates need no admin either.
; What is installed: the program folder, a Start-menu entry (and, by choice, a desktop one), an
; uninstaller, and the uninstall entry under HKCU in Settings > Apps.
;
; The user's data never lives in the program folder and is never deleted by the uninstaller:
; workspaces are folders the user chooses (the folder choosers start in Documents\kamarhitung,
; which the installer makes; the Start-menu entry starts the program there, not in the program
; folder), the demo lives in
; %LOCALAPPDATA%\kamarhitung, the settings under HKCU\Software\kamarhitung. The uninstaller removes
; exactly the files it installed, then the program folder only if that is left empty.
;
; The room (README, "A room with several PCs"): the PostgreSQL binaries are in the program folder
; (_internal\postgresql); a room's cluster is never there: it lives in the workspace folder the
; supervisor chose (Documents\kamarhitung\…\room), which the user owns, because PostgreSQL refuses
; to run with Administrator rights and must write its own folder. Stations reach the host on one
; TCP port (the TLS gateway; PostgreSQL itself listens on loopback only): the optional section
; SecFirewall adds one inbound rule for it, asking Windows for an administrator for that rule only.

Unicode true
ManifestDPIAware true
!include "MUI2.nsh"
!include "FileFunc.nsh"

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef SOURCE_DIR
  !define SOURCE_DIR "..\build\dist\kamarhitung"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\kamarhitung-${VERSION}-windows-x64-setup.exe"
!endif
!define APP "kamarhitung"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\kamarhitung"
!define ROOM_PORT 5433
!define FIREWALL_RULE "kamarhitung ruangan"

Name "kamarhitung ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\kamarhitung"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
SetCompressor /SOLID lzma
ShowInstDetails show
ShowUninstDetails show
BrandingText "kamarhitung ${VERSION}"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
; The language chosen at installation is the uninstaller's too.
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${UNINST_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\kamarhitung.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunText)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default when Windows speaks neither.
!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString RunText ${LANG_INDONESIAN} "Jalankan kamarhitung"
LangString RunText ${LANG_ENGLISH} "Start kamarhitung"
LangString SecProgram ${LANG_INDONESIAN} "kamarhitung (wajib)"
LangString SecProgram ${LANG_ENGLISH} "kamarhitung (required)"
LangString SecDesktop ${LANG_INDONESIAN} "Pintasan di desktop"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString SecFirewall ${LANG_INDONESIAN} "Izinkan stasiun ruangan melalui firewall (port ${ROOM_PORT})"
LangString SecFirewall ${LANG_ENGLISH} "Let the room's stations through the firewall (port ${ROOM_PORT})"
LangString UninstallLink ${LANG_INDONESIAN} "Hapus kamarhitung"
LangString UninstallLink ${LANG_ENGLISH} "Uninstall kamarhitung"
LangString DataKept ${LANG_INDONESIAN} "Workspace dan pengaturan tidak dihapus."
LangString DataKept ${LANG_ENGLISH} "Workspaces and settings were not removed."

!ifdef VIVERSION
  VIProductVersion "${VIVERSION}"
  VIFileVersion "${VIVERSION}"
  VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "kamarhitung"
  VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
  VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
  VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "kamarhitung installer"
  VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "MIT licence"
!endif

Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "$(SecProgram)" SecProgram
  SectionIn RO
  ; An update replaces the previous program files; nothing else in the folder is touched.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File "${SOURCE_DIR}\kamarhitung.exe"
  File "${SOURCE_DIR}\kamarhitung-cli.exe"
  File /r "${SOURCE_DIR}\_internal"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Documents\kamarhitung: where the application's folder choosers start, the suggested home of
  ; workspaces. Shortcuts start the program there (a shortcut's working folder is the current
  ; output path): a file chooser must never offer the program folder for a workspace.
  CreateDirectory "$DOCUMENTS\kamarhitung"
  SetOutPath "$DOCUMENTS\kamarhitung"
  CreateDirectory "$SMPROGRAMS\kamarhitung"
  CreateShortcut "$SMPROGRAMS\kamarhitung\kamarhitung.lnk" "$INSTDIR\kamarhitung.exe" "" \
    "$INSTDIR\kamarhitung.exe" 0
  CreateShortcut "$SMPROGRAMS\kamarhitung\$(UninstallLink).lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "kamarhitung"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "kamarhitung"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\kamarhitung.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktop)" SecDesktop
  SetOutPath "$DOCUMENTS\kamarhitung"
  CreateShortcut "$DESKTOP\kamarhitung.lnk" "$INSTDIR\kamarhitung.exe" "" "$INSTDIR\kamarhitung.exe" 0
SectionEnd

Section "$(SecFirewall)" SecFirewall
  ; One inbound rule, TCP ${ROOM_PORT}, private and domain networks only (a room's LAN, never a
  ; public network). Adding it needs an administrator: Windows asks for this one command; if the
  ; request is declined the rest of the installation stands and no rule is recorded.
  ExecShellWait "runas" "$SYSDIR\netsh.exe" 'advfirewall firewall add rule name="${FIREWALL_RULE}" dir=in action=allow protocol=TCP localport=${ROOM_PORT} profile=private,domain' SW_HIDE
  IfErrors +2 0
  WriteRegDWORD HKCU "${UNINST_KEY}" "FirewallRule" 1
SectionEnd

Section "Uninstall"
  ; The firewall rule, only if this installer added it.
  ReadRegDWORD $0 HKCU "${UNINST_KEY}" "FirewallRule"
  StrCmp $0 1 0 +2
  ExecShellWait "runas" "$SYSDIR\netsh.exe" 'advfirewall firewall delete rule name="${FIREWALL_RULE}"' SW_HIDE
  Delete "$SMPROGRAMS\kamarhitung\kamarhitung.lnk"
  Delete "$SMPROGRAMS\kamarhitung\Hapus kamarhitung.lnk"
  Delete "$SMPROGRAMS\kamarhitung\Uninstall kamarhitung.lnk"
  RMDir "$SMPROGRAMS\kamarhitung"
  Delete "$DESKTOP\kamarhitung.lnk"

  ; Exactly what the installer put here; the folder itself only if nothing else is left in it.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\kamarhitung.exe"
  Delete "$INSTDIR\kamarhitung-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  DeleteRegKey HKCU "${UNINST_KEY}"
  ; Not removed, on purpose: workspaces (wherever the user made them), the demo in
  ; $LOCALAPPDATA\kamarhitung and the settings in HKCU\Software\kamarhitung.
  DetailPrint "$(DataKept)"
SectionEnd
