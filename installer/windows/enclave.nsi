; Enclave for Windows: per-machine installer for the PyInstaller folder built on Windows
; (packaging\build.ps1). Nothing is downloaded: the model files are copied from the offline
; bundle folder beside this installer (NSIS cannot hold files over 2 GB) and checked
; against the bundle's SHA256SUMS.
;
;   makensis /DPAYLOAD=dist\enclave /DVERSION=0.1.0 /DOUTFILE=dist\Enclave-0.1.0-win64.exe
;            [/DICON=build\icons\enclave.ico] installer\windows\enclave.nsi
;
; The uninstaller removes the program; the user's encrypted sessions and settings
; (%LOCALAPPDATA%\Enclave) stay unless "Also delete my Enclave data" is ticked.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef PAYLOAD
  !error "PAYLOAD must name the PyInstaller folder (dist\enclave)"
!endif
!ifndef OUTFILE
  !define OUTFILE "Enclave-${VERSION}-win64.exe"
!endif

!define APP "Enclave"
!define PROGID "Enclave.Report"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define APP_KEY "Software\${APP}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${APP_KEY}" "InstallDir"
RequestExecutionLevel admin
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "FileDescription" "${APP} offline installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "Enclave developers"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\enclave-gui.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP}"
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

!macro OpenWith EXT
  WriteRegStr HKLM "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKLM "Software\Classes\Applications\enclave-gui.exe\SupportedTypes" "${EXT}" ""
!macroend

!macro UnOpenWith EXT
  DeleteRegValue HKLM "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}"
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP} needs 64-bit Windows 10 or 11."
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "${APP} (required)" SecApp
  SectionIn RO
  ; A previous version's files go first, so no stale library is left beside new ones.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}\*.*"

  ; Models from the bundle folder, verified (SHA256SUMS) at the source and after copying.
  InitPluginsDir
  File "/oname=$PLUGINSDIR\verify_models.ps1" "${__FILEDIR__}\verify_models.ps1"
  DetailPrint "Copying and checking the model files from $EXEDIR\models ..."
  nsExec::ExecToLog 'powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "$PLUGINSDIR\verify_models.ps1" -Bundle "$EXEDIR" -Dest "$INSTDIR\models"'
  Pop $0
  ${If} $0 != 0
    MessageBox MB_ICONSTOP "A model file failed its SHA-256 check (see the details). Copy the bundle folder again and rerun the installer."
    Abort
  ${EndIf}

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "Enclave developers"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\enclave-gui.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $1 $2 $3
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $1

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\enclave-gui.exe"
  CreateShortcut "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk" "$INSTDIR\uninstall.exe"
SectionEnd

Section "Desktop shortcut" SecDesktop
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\enclave-gui.exe"
SectionEnd

Section "Open DICOM, PDF and Word reports with ${APP}" SecAssoc
  ; "Open with" entries; .dcm becomes Enclave's only where no program has claimed it, and PDF
  ; and Word files keep their default viewer.
  WriteRegStr HKLM "Software\Classes\${PROGID}" "" "Report or DICOM file (${APP})"
  WriteRegStr HKLM "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\enclave-gui.exe,0"
  WriteRegStr HKLM "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\enclave-gui.exe" "%1"'
  WriteRegStr HKLM "Software\Classes\Applications\enclave-gui.exe\shell\open\command" "" '"$INSTDIR\enclave-gui.exe" "%1"'
  WriteRegStr HKLM "Software\Classes\Applications\enclave-gui.exe" "FriendlyAppName" "${APP}"
  !insertmacro OpenWith ".dcm"
  !insertmacro OpenWith ".dicom"
  !insertmacro OpenWith ".pdf"
  !insertmacro OpenWith ".docx"
  !insertmacro OpenWith ".rtf"
  ReadRegStr $0 HKCR ".dcm" ""
  ${If} $0 == ""
    WriteRegStr HKLM "Software\Classes\.dcm" "" "${PROGID}"
    WriteRegStr HKLM "Software\Classes\.dcm" "Content Type" "application/dicom"
  ${EndIf}
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "un.${APP}" UnSecApp
  SectionIn RO
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$SMPROGRAMS\${APP}"
  ; The program folder, the models copied into it included; never the user's data folder.
  RMDir /r "$INSTDIR"
  DeleteRegKey HKLM "Software\Classes\${PROGID}"
  DeleteRegKey HKLM "Software\Classes\Applications\enclave-gui.exe"
  !insertmacro UnOpenWith ".dcm"
  !insertmacro UnOpenWith ".dicom"
  !insertmacro UnOpenWith ".pdf"
  !insertmacro UnOpenWith ".docx"
  !insertmacro UnOpenWith ".rtf"
  ReadRegStr $0 HKLM "Software\Classes\.dcm" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKLM "Software\Classes\.dcm" ""
  ${EndIf}
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "${APP_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

; Off unless ticked: the encrypted vault, settings and logs of the user running the uninstaller.
Section /o "un.Also delete my ${APP} data (encrypted sessions, settings)" UnSecData
  SetShellVarContext current
  MessageBox MB_YESNO|MB_ICONEXCLAMATION "Delete $LOCALAPPDATA\${APP}? Your encrypted sessions cannot be recovered afterwards." IDYES +2
  Goto done
  RMDir /r "$LOCALAPPDATA\${APP}"
  done:
  SetShellVarContext all
SectionEnd
