; Windows installer for Outlet Desk (网点客服台), built from the PyInstaller one-folder bundle.
;   makensis -DBUNDLE_DIR=<absolute path of dist\OutletDesk> -DVERSION=<x.y.z> [-DOUT_FILE=<setup.exe>] packaging\windows\outlet-desk.nsi
; (on Linux, `-D` works the same; CI compiles it against the Linux bundle layout to check the script).
; Installs for all users under Program Files with Start-menu and desktop shortcuts and an uninstall entry.
; The uninstaller removes the program only: the data folder (%LOCALAPPDATA%\OutletDesk) and a portable data
; folder beside the exe stay unless the clerk says yes to deleting the data folder.

Unicode true
ManifestDPIAware true

!ifndef BUNDLE_DIR
  !error "Give the bundle folder: -DBUNDLE_DIR=dist\OutletDesk"
!endif
!ifndef VERSION
  !error "Give the version: -DVERSION=0.1.0"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "${BUNDLE_DIR}\..\OutletDesk-${VERSION}-setup.exe"  ; beside the bundle, in dist/
!endif

!define APP_ID "OutletDesk"
!define APP_EXE "OutletDesk.exe"
!define CLI_EXE "outlet-desk-cli.exe"
!define PUBLISHER "Outlet Desk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define ICON "..\..\resources\icons\app.ico"  ; makensis works from the script's folder

!include "MUI2.nsh"
!include "x64.nsh"

Name "$(AppName)"
OutFile "${OUT_FILE}"
InstallDir "$PROGRAMFILES64\${APP_ID}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
; -DCHECK_ONLY (CI, which only proves the script compiles) skips minutes of compressing the bundle.
!ifdef CHECK_ONLY
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif
BrandingText "$(AppName) ${VERSION}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
; The language picked at install is remembered for the uninstaller.
!define MUI_LANGDLL_REGISTRY_ROOT HKLM
!define MUI_LANGDLL_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default when Windows' own language is neither.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString AppName ${LANG_SIMPCHINESE} "网点客服台"
LangString AppName ${LANG_ENGLISH} "Outlet Desk"
LangString CliName ${LANG_SIMPCHINESE} "网点客服台（命令行）"
LangString CliName ${LANG_ENGLISH} "Outlet Desk (command line)"
LangString UninstallName ${LANG_SIMPCHINESE} "卸载网点客服台"
LangString UninstallName ${LANG_ENGLISH} "Uninstall Outlet Desk"
LangString Need64Bit ${LANG_SIMPCHINESE} "网点客服台需要 64 位 Windows。"
LangString Need64Bit ${LANG_ENGLISH} "Outlet Desk needs 64-bit Windows."
LangString StillRunning ${LANG_SIMPCHINESE} "网点客服台正在运行。请先关闭它，再点“重试”。"
LangString StillRunning ${LANG_ENGLISH} "Outlet Desk is running. Close it, then click Retry."
LangString DeleteData ${LANG_SIMPCHINESE} "是否同时删除数据文件夹？$\r$\n$\r$\n$LOCALAPPDATA\${APP_ID}$\r$\n$\r$\n其中有数据库、附件和备份。删除后无法恢复。选“否”则保留（推荐）。"
LangString DeleteData ${LANG_ENGLISH} "Also delete the data folder?$\r$\n$\r$\n$LOCALAPPDATA\${APP_ID}$\r$\n$\r$\nIt holds the database, attachments and backups, and cannot be recovered once deleted. Choose No to keep it (recommended)."

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "Outlet Desk"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "Outlet Desk installer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "© ${PUBLISHER}"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(Need64Bit)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

; An exe in use cannot be replaced: ask the clerk to close the desk (a file we can open for writing is free).
!macro WaitUntilClosed UN
Function ${UN}WaitUntilClosed
  retry:
  IfFileExists "$INSTDIR\${APP_EXE}" 0 done
  ClearErrors
  FileOpen $0 "$INSTDIR\${APP_EXE}" a
  IfErrors 0 free
  MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY retry
  Abort
  free:
  FileClose $0
  done:
FunctionEnd
!macroend
!insertmacro WaitUntilClosed ""
!insertmacro WaitUntilClosed "un."

Section "Install"
  Call WaitUntilClosed
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  ; A new version replaces the program folder's libraries whole so no stale file of an old build stays.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\$(AppName)"
  CreateShortCut "$SMPROGRAMS\$(AppName)\$(AppName).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortCut "$SMPROGRAMS\$(AppName)\$(CliName).lnk" "$SYSDIR\cmd.exe" '/k "$INSTDIR\${CLI_EXE}" --help' "$INSTDIR\${APP_EXE}" 0
  CreateShortCut "$SMPROGRAMS\$(AppName)\$(UninstallName).lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\$(AppName).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "$(AppName)"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Uninstall"
  Call un.WaitUntilClosed
  SetShellVarContext all
  Delete "$DESKTOP\$(AppName).lnk"
  RMDir /r "$SMPROGRAMS\$(AppName)"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"

  ; Only what the installer put there: a portable data folder or marker beside the exe stays.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ; The data folder is the clerk's: kept unless they say yes (a silent uninstall keeps it).
  SetShellVarContext current
  IfFileExists "$LOCALAPPDATA\${APP_ID}\*.*" 0 kept
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "$(DeleteData)" /SD IDNO IDNO kept
  RMDir /r "$LOCALAPPDATA\${APP_ID}"
  kept:
SectionEnd
