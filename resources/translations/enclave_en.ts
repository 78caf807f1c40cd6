<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/ui/about.py" line="31"/>
        <source>About Enclave</source>
        <translation>About Enclave</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="38"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="42"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="43"/>
        <source>Runs on</source>
        <translation>Runs on</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="46"/>
        <source>Enclave is proprietary software. It uses Qt and PySide6 (LGPLv3), llama.cpp and llama-cpp-python (MIT), pydicom (MIT), SQLCipher (BSD-style), NumPy (BSD), Pillow (HPND), python-docx (MIT), pypdf (BSD) and keyring (MIT). The clinical model Qwen2.5-7B-Instruct is under the Apache 2.0 licence; the demonstration model SmolLM2-135M-Instruct is under the Apache 2.0 licence.</source>
        <translation>Enclave is proprietary software. It uses Qt and PySide6 (LGPLv3), llama.cpp and llama-cpp-python (MIT), pydicom (MIT), SQLCipher (BSD-style), NumPy (BSD), Pillow (HPND), python-docx (MIT), pypdf (BSD) and keyring (MIT). The clinical model Qwen2.5-7B-Instruct is under the Apache 2.0 licence; the demonstration model SmolLM2-135M-Instruct is under the Apache 2.0 licence.</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="51"/>
        <source>Enclave never connects to a network: everything runs on this computer.</source>
        <translation>Enclave never connects to a network: everything runs on this computer.</translation>
    </message>
</context>
<context>
    <name>BatchWindow</name>
    <message>
        <location filename="../../app/ui/batch.py" line="121"/>
        <source>Batch analysis</source>
        <translation>Batch analysis</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="122"/>
        <source>Folder of reports</source>
        <translation>Folder of reports</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="123"/>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="124"/>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="125"/>
        <source>Results file (JSON lines)</source>
        <translation>Results file (JSON lines)</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="126"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="127"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="128"/>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="129"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="129"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="129"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="139"/>
        <source>Choose a folder of reports</source>
        <translation>Choose a folder of reports</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="153"/>
        <source>Choose a folder that exists.</source>
        <translation>Choose a folder that exists.</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="161"/>
        <source>Waiting for the model…</source>
        <translation>Waiting for the model…</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="167"/>
        <source>Cancelling after the current file…</source>
        <translation>Cancelling after the current file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="176"/>
        <source>{0} of {1} · {2} failed · {3} done before · about {4} left · {5}</source>
        <translation>{0} of {1} · {2} failed · {3} done before · about {4} left · {5}</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="190"/>
        <source>The batch stopped: {0}</source>
        <translation>The batch stopped: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="192"/>
        <source>{0} processed, {1} failed, {2} done before{3}.</source>
        <translation>{0} processed, {1} failed, {2} done before{3}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="194"/>
        <source> (cancelled)</source>
        <translation> (cancelled)</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="211"/>
        <source>Export CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="218"/>
        <source>{0} rows written to {1}</source>
        <translation>{0} rows written to {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="219"/>
        <source>The CSV export failed</source>
        <translation>The CSV export failed</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../app/ui/conversation.py" line="226"/>
        <source>Drop reports, DICOM files or folders anywhere on this window, or press Ctrl+O.
Then choose a task above, or ask a question below.</source>
        <translation>Drop reports, DICOM files or folders anywhere on this window, or press Ctrl+O.
Then choose a task above, or ask a question below.</translation>
    </message>
</context>
<context>
    <name>DicomViewer</name>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="57"/>
        <source>Soft tissue</source>
        <translation>Soft tissue</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="58"/>
        <source>Lung</source>
        <translation>Lung</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="59"/>
        <source>Bone</source>
        <translation>Bone</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="60"/>
        <source>Brain</source>
        <translation>Brain</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="61"/>
        <source>Liver</source>
        <translation>Liver</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="362"/>
        <source>The AI model reads text only (reports, structured reports and DICOM metadata). It has not looked at these images.</source>
        <translation>The AI model reads text only (reports, structured reports and DICOM metadata). It has not looked at these images.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="367"/>
        <source>{0}: window {1}, level {2} (key {3})</source>
        <translation>{0}: window {1}, level {2} (key {3})</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="369"/>
        <source>Invert (I)</source>
        <translation>Invert (I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="370"/>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="371"/>
        <source>Fit the image to the view (0 or double-click)</source>
        <translation>Fit the image to the view (0 or double-click)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="372"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="373"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="374"/>
        <source>Show all tags, including identifying ones</source>
        <translation>Show all tags, including identifying ones</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="376"/>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="376"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="376"/>
        <source>VR</source>
        <translation>VR</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="376"/>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="393"/>
        <source>Only at privacy level &apos;standard&apos;</source>
        <translation>Only at privacy level &apos;standard&apos;</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="438"/>
        <source>These images may show patient details burned into the pixels ({0}). De-identification cannot remove them.</source>
        <translation>These images may show patient details burned into the pixels ({0}). De-identification cannot remove them.</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <location filename="../../app/ui/document_pane.py" line="182"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="183"/>
        <source>Remove this document from the session</source>
        <translation>Remove this document from the session</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="184"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="185"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="186"/>
        <source>Findings</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="189"/>
        <source>No documents yet</source>
        <translation>No documents yet</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/ui/errors.py" line="32"/>
        <source>Remove a document or raise the context length in Settings.</source>
        <translation>Remove a document or raise the context length in Settings.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="35"/>
        <source>Check the model file in Settings, or drop a .gguf file on the window.</source>
        <translation>Check the model file in Settings, or drop a .gguf file on the window.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="38"/>
        <source>Try again; if it happens again, reload the model from Settings.</source>
        <translation>Try again; if it happens again, reload the model from Settings.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="41"/>
        <source>Check the file, or export it again from its source system.</source>
        <translation>Check the file, or export it again from its source system.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="44"/>
        <source>Close other programs or open fewer files at once.</source>
        <translation>Close other programs or open fewer files at once.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="47"/>
        <source>Check that the disk has space and the folder can be written.</source>
        <translation>Check that the disk has space and the folder can be written.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="49"/>
        <source>Enclave carries on; if something looks wrong, restart it. Details are in the log file.</source>
        <translation>Enclave carries on; if something looks wrong, restart it. Details are in the log file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="77"/>
        <source>Something went wrong</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="91"/>
        <source>Something went wrong: {0}</source>
        <translation>Something went wrong: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="105"/>
        <source>Enclave</source>
        <translation>Enclave</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="107"/>
        <source>Log file: {0}</source>
        <translation>Log file: {0}</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../app/ui/export.py" line="26"/>
        <source>Enclave session</source>
        <translation>Enclave session</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="27"/>
        <source>Exported {0} · Enclave {1}</source>
        <translation>Exported {0} · Enclave {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="31"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="37"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="42"/>
        <source>(no answer)</source>
        <translation>(no answer)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="45"/>
        <source>Stopped before the end.</source>
        <translation>Stopped before the end.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="104"/>
        <source>The export failed</source>
        <translation>The export failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="110"/>
        <source>Export the session</source>
        <translation>Export the session</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="124"/>
        <source>Exported to {0}</source>
        <translation>Exported to {0}</translation>
    </message>
</context>
<context>
    <name>FileStatusList</name>
    <message>
        <location filename="../../app/ui/document_pane.py" line="123"/>
        <source>{0}: waiting</source>
        <translation>{0}: waiting</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="125"/>
        <source>{0}: reading…</source>
        <translation>{0}: reading…</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="127"/>
        <source>{0}: read</source>
        <translation>{0}: read</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="129"/>
        <source>{0}: model file, loading it</source>
        <translation>{0}: model file, loading it</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="130"/>
        <source>{0}: could not be read</source>
        <translation>{0}: could not be read</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../app/ui/findings.py" line="180"/>
        <source>Run the Findings task to fill this table.</source>
        <translation>Run the Findings task to fill this table.</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="183"/>
        <source>{0} findings</source>
        <translation>{0} findings</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="185"/>
        <source>{0} ⚠ not found in the source</source>
        <translation>{0} ⚠ not found in the source</translation>
    </message>
</context>
<context>
    <name>FindingsTable</name>
    <message>
        <location filename="../../app/ui/findings.py" line="49"/>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="49"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="49"/>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="50"/>
        <source>Certainty</source>
        <translation>Certainty</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="50"/>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="54"/>
        <source>present</source>
        <translation>present</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="54"/>
        <source>absent</source>
        <translation>absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="55"/>
        <source>possible</source>
        <translation>possible</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="63"/>
        <source>The quoted evidence is not in the document: check this finding against the source.</source>
        <translation>The quoted evidence is not in the document: check this finding against the source.</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="75"/>
        <source>Set by the negation rules (“{0}”); the model said: {1}</source>
        <translation>Set by the negation rules (“{0}”); the model said: {1}</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../app/ui/wizard.py" line="220"/>
        <location filename="../../app/ui/wizard.py" line="224"/>
        <source>Welcome to Enclave</source>
        <translation>Welcome to Enclave</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="225"/>
        <source>Enclave reads radiology and clinical reports and DICOM studies, and drafts summaries, findings and follow-up with a language model that runs entirely on this computer. Nothing is sent over a network. Every answer is a draft to check against the source.</source>
        <translation>Enclave reads radiology and clinical reports and DICOM studies, and drafts summaries, findings and follow-up with a language model that runs entirely on this computer. Nothing is sent over a network. Every answer is a draft to check against the source.</translation>
    </message>
</context>
<context>
    <name>FleischnerView</name>
    <message>
        <location filename="../../app/ui/findings.py" line="103"/>
        <source>No Fleischner assessment for this session.</source>
        <translation>No Fleischner assessment for this session.</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="129"/>
        <source>Risk: unknown (not stated in the documents)</source>
        <translation>Risk: unknown (not stated in the documents)</translation>
    </message>
</context>
<context>
    <name>ImageCanvas</name>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="214"/>
        <source>Loading image…</source>
        <translation>Loading image…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="227"/>
        <source>Image {0}/{1}</source>
        <translation>Image {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="229"/>
        <source>W {0:.0f} L {1:.0f}</source>
        <translation>W {0:.0f} L {1:.0f}</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <location filename="../../app/ui/launch.py" line="244"/>
        <source>Enclave could not start: {0}</source>
        <translation>Enclave could not start: {0}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../app/ui/lock.py" line="61"/>
        <source>Enclave is locked</source>
        <translation>Enclave is locked</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="63"/>
        <source>Enter the vault passphrase or the recovery key to continue.</source>
        <translation>Enter the vault passphrase or the recovery key to continue.</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="65"/>
        <source>The session was cleared from the screen. Unlock to continue.</source>
        <translation>The session was cleared from the screen. Unlock to continue.</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="66"/>
        <source>Passphrase or recovery key</source>
        <translation>Passphrase or recovery key</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="67"/>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="95"/>
        <source>That passphrase or recovery key is not right.</source>
        <translation>That passphrase or recovery key is not right.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="227"/>
        <source>Reading {0} of {1}: {2}</source>
        <translation>Reading {0} of {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="239"/>
        <source>Copied to the clipboard</source>
        <translation>Copied to the clipboard</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="245"/>
        <source>That evidence is not in the documents</source>
        <translation>That evidence is not in the documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="253"/>
        <location filename="../../app/ui/start_window.py" line="63"/>
        <source>Enclave — offline clinical report assistant</source>
        <translation>Enclave — offline clinical report assistant</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="254"/>
        <source>Open…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="255"/>
        <source>Open reports or DICOM files (Ctrl+O)</source>
        <translation>Open reports or DICOM files (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="256"/>
        <source>New session</source>
        <translation>New session</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="257"/>
        <source>Start a new session (Ctrl+N)</source>
        <translation>Start a new session (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="258"/>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="259"/>
        <source>Export this session as PDF, DOCX or Markdown (Ctrl+E)</source>
        <translation>Export this session as PDF, DOCX or Markdown (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="260"/>
        <source>Batch…</source>
        <translation>Batch…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="261"/>
        <source>Run one task over a folder of reports (Ctrl+B)</source>
        <translation>Run one task over a folder of reports (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="262"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="263"/>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="264"/>
        <source>Lock Enclave (Ctrl+L)</source>
        <translation>Lock Enclave (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="265"/>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="268"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="269"/>
        <source>Stop the answer (Esc)</source>
        <translation>Stop the answer (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="270"/>
        <source>Ask</source>
        <translation>Ask</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="271"/>
        <source>Ask a question about the documents (Enter sends, Shift+Enter for a new line)</source>
        <translation>Ask a question about the documents (Enter sends, Shift+Enter for a new line)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="286"/>
        <source>standard</source>
        <translation>standard</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="286"/>
        <source>high</source>
        <translation>high</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="286"/>
        <source>ephemeral</source>
        <translation>ephemeral</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="287"/>
        <source>Privacy: {0}</source>
        <translation>Privacy: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="296"/>
        <source>Verifying %p%</source>
        <translation>Verifying %p%</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="316"/>
        <source>Loading the model… you can already open documents.</source>
        <translation>Loading the model… you can already open documents.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="318"/>
        <source>The model could not be loaded</source>
        <translation>The model could not be loaded</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="319"/>
        <source>Choose a model file in Settings, or drop a .gguf file on the window.</source>
        <translation>Choose a model file in Settings, or drop a .gguf file on the window.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="327"/>
        <source>Running on the small demonstration model, not the clinical model: its answers are for trying the app only.</source>
        <translation>Running on the small demonstration model, not the clinical model: its answers are for trying the app only.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="330"/>
        <source>Unverified model file: no checksum from the publisher is recorded, so Enclave cannot prove this is the published model and not a damaged or altered copy. Its answers stay drafts; ask IT to compare its SHA-256 with the publisher&apos;s page (&apos;enclave models verify&apos;).</source>
        <translation>Unverified model file: no checksum from the publisher is recorded, so Enclave cannot prove this is the published model and not a damaged or altered copy. Its answers stay drafts; ask IT to compare its SHA-256 with the publisher&apos;s page (&apos;enclave models verify&apos;).</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="352"/>
        <source>CPU only: this llama.cpp build has no GPU support, answers will be slow. Install the CUDA build (README, &apos;GPU set-up&apos;).</source>
        <translation>CPU only: this llama.cpp build has no GPU support, answers will be slow. Install the CUDA build (README, &apos;GPU set-up&apos;).</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="355"/>
        <source>CPU only: no layer was offloaded to the GPU; answers will be slow.</source>
        <translation>CPU only: no layer was offloaded to the GPU; answers will be slow.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="357"/>
        <source>CPU only: answers will be slow</source>
        <translation>CPU only: answers will be slow</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="359"/>
        <source>Only {0} of {1} layers run on the GPU ({2}); the rest run on the CPU and answers will be slower. A smaller quantisation (Q4_K_M) or a shorter context lets the whole model fit.</source>
        <translation>Only {0} of {1} layers run on the GPU ({2}); the rest run on the CPU and answers will be slower. A smaller quantisation (Q4_K_M) or a shorter context lets the whole model fit.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="362"/>
        <source>{0}/{1} layers on GPU</source>
        <translation>{0}/{1} layers on GPU</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="370"/>
        <source>Open reports or DICOM files</source>
        <translation>Open reports or DICOM files</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="399"/>
        <source>{0} read, {1} could not be read (see the list on the right)</source>
        <translation>{0} read, {1} could not be read (see the list on the right)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="402"/>
        <source>{0} read</source>
        <translation>{0} read</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="560"/>
        <source>Loading the model again with the new settings…</source>
        <translation>Loading the model again with the new settings…</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <location filename="../../app/ui/conversation.py" line="126"/>
        <source>Enclave (AI draft)</source>
        <translation>Enclave (AI draft)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="128"/>
        <source>You asked for: {0}</source>
        <translation>You asked for: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="130"/>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="131"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="132"/>
        <source>Regenerate</source>
        <translation>Regenerate</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="133"/>
        <source>Edit and resend</source>
        <translation>Edit and resend</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="142"/>
        <source>_Waiting for the model…_</source>
        <translation>_Waiting for the model…_</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="165"/>
        <source>_No findings were extracted._</source>
        <translation>_No findings were extracted._</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="169"/>
        <source>**Fleischner 2017 follow-up:** {0}</source>
        <translation>**Fleischner 2017 follow-up:** {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="177"/>
        <source>Failed: {0}</source>
        <translation>Failed: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="180"/>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="182"/>
        <source>{0} tokens · {1:.1f} tokens/s · first token after {2:.1f} s</source>
        <translation>{0} tokens · {1:.1f} tokens/s · first token after {2:.1f} s</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="188"/>
        <source>prompt {0}</source>
        <translation>prompt {0}</translation>
    </message>
</context>
<context>
    <name>ModelPage</name>
    <message>
        <location filename="../../app/ui/wizard.py" line="157"/>
        <source>The language model</source>
        <translation>The language model</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="159"/>
        <source>Enclave runs Qwen2.5-7B-Instruct on this computer. The file is checked (SHA-256) before its first use. You can also drop a .gguf file on the main window later.</source>
        <translation>Enclave runs Qwen2.5-7B-Instruct on this computer. The file is checked (SHA-256) before its first use. You can also drop a .gguf file on the main window later.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="164"/>
        <source>Choose a model file…</source>
        <translation>Choose a model file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="191"/>
        <source>Choose the model file</source>
        <translation>Choose the model file</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="191"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF models (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="200"/>
        <source>Checking the model file (SHA-256)…</source>
        <translation>Checking the model file (SHA-256)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="203"/>
        <source>Loading the model…</source>
        <translation>Loading the model…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="214"/>
        <source>The model could not be loaded: {0}</source>
        <translation>The model could not be loaded: {0}</translation>
    </message>
</context>
<context>
    <name>RecoveryPrint</name>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="25"/>
        <source>This key opens your Enclave vault when the system keyring or your passphrase cannot: after a new computer account, a reinstalled system or a forgotten passphrase.</source>
        <translation>This key opens your Enclave vault when the system keyring or your passphrase cannot: after a new computer account, a reinstalled system or a forgotten passphrase.</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="28"/>
        <source>Keep this sheet somewhere safe and apart from the computer and its backups, as you would a key to a records room. Anyone with it and a copy of the data folder can read the sessions.</source>
        <translation>Keep this sheet somewhere safe and apart from the computer and its backups, as you would a key to a records room. Anyone with it and a copy of the data folder can read the sessions.</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="31"/>
        <source>To use it: type the key where Enclave asks for the passphrase or recovery key. Dashes and spaces do not matter, and a mistyped letter is detected.</source>
        <translation>To use it: type the key where Enclave asks for the passphrase or recovery key. Dashes and spaces do not matter, and a mistyped letter is detected.</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="34"/>
        <source>If the key is lost while the vault still opens, make a new one at once (enclave vault rekey). This sheet then no longer works.</source>
        <translation>If the key is lost while the vault still opens, make a new one at once (enclave vault rekey). This sheet then no longer works.</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="37"/>
        <source>Enclave recovery key</source>
        <translation>Enclave recovery key</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="38"/>
        <source>Printed {0}</source>
        <translation>Printed {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="61"/>
        <source>Print the recovery key</source>
        <translation>Print the recovery key</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../app/ui/application.py" line="83"/>
        <source>Sessions are not stored: {0}</source>
        <translation>Sessions are not stored: {0}</translation>
    </message>
</context>
<context>
    <name>SessionPanel</name>
    <message>
        <location filename="../../app/ui/sessions.py" line="92"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="93"/>
        <source>Search all sessions (Ctrl+F)</source>
        <translation>Search all sessions (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="94"/>
        <source>New session (Ctrl+N)</source>
        <translation>New session (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="95"/>
        <location filename="../../app/ui/sessions.py" line="216"/>
        <source>Pin or unpin</source>
        <translation>Pin or unpin</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="96"/>
        <location filename="../../app/ui/sessions.py" line="215"/>
        <source>Rename</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="97"/>
        <location filename="../../app/ui/sessions.py" line="217"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="99"/>
        <source>Sessions are not being stored: the encrypted vault is not open.</source>
        <translation>Sessions are not being stored: the encrypted vault is not open.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="185"/>
        <source>Rename session</source>
        <translation>Rename session</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="186"/>
        <source>New name:</source>
        <translation>New name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="199"/>
        <source>Delete session</source>
        <translation>Delete session</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="200"/>
        <source>Delete this session and everything in it? This cannot be undone.</source>
        <translation>Delete this session and everything in it? This cannot be undone.</translation>
    </message>
</context>
<context>
    <name>SessionStore</name>
    <message>
        <location filename="../../app/ui/session_store.py" line="61"/>
        <source>The session store failed</source>
        <translation>The session store failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_store.py" line="172"/>
        <source>The images of this study are not kept in the vault; open the files again to view them.</source>
        <translation>The images of this study are not kept in the vault; open the files again to view them.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="157"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="158"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="159"/>
        <source>Model file</source>
        <translation>Model file</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="160"/>
        <source>Found automatically (models folder, demo model)</source>
        <translation>Found automatically (models folder, demo model)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="161"/>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="162"/>
        <source>GPU layers</source>
        <translation>GPU layers</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="163"/>
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="164"/>
        <source>Context length (tokens)</source>
        <translation>Context length (tokens)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="165"/>
        <source>Batch size</source>
        <translation>Batch size</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="166"/>
        <source>CPU threads</source>
        <translation>CPU threads</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="167"/>
        <source>automatic</source>
        <translation>automatic</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="168"/>
        <source>Flash attention</source>
        <translation>Flash attention</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="169"/>
        <source>KV cache type</source>
        <translation>KV cache type</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="170"/>
        <source>Temperature</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="171"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="172"/>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="173"/>
        <source>Privacy level</source>
        <translation>Privacy level</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="174"/>
        <source>standard</source>
        <translation>standard</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="174"/>
        <source>high</source>
        <translation>high</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="174"/>
        <source>ephemeral</source>
        <translation>ephemeral</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="176"/>
        <source>Lock after idle minutes</source>
        <translation>Lock after idle minutes</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="177"/>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="178"/>
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="179"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="180"/>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="181"/>
        <source>follow the system</source>
        <translation>follow the system</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="181"/>
        <source>light</source>
        <translation>light</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="181"/>
        <source>dark</source>
        <translation>dark</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="192"/>
        <source>Choose the model file</source>
        <translation>Choose the model file</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="192"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF models (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="200"/>
        <source>Documents are analysed as they are; the full DICOM tags can be shown.</source>
        <translation>Documents are analysed as they are; the full DICOM tags can be shown.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="201"/>
        <source>DICOM metadata is de-identified and report text is redacted before the model, the store or an export sees it.</source>
        <translation>DICOM metadata is de-identified and report text is redacted before the model, the store or an export sees it.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="203"/>
        <source>As high, and sessions are never written to disk.</source>
        <translation>As high, and sessions are never written to disk.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="228"/>
        <source>These changes need the model loaded again; Enclave does that when you press OK.</source>
        <translation>These changes need the model loaded again; Enclave does that when you press OK.</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <location filename="../../app/ui/start_window.py" line="65"/>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/start_window.py" line="71"/>
        <source>Loading the AI engine and your workspace…</source>
        <translation>Loading the AI engine and your workspace…</translation>
    </message>
    <message>
        <location filename="../../app/ui/start_window.py" line="83"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/start_window.py" line="98"/>
        <source>Starting… {0} file(s) will open when the window is ready.</source>
        <translation>Starting… {0} file(s) will open when the window is ready.</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <location filename="../../app/ui/conversation.py" line="31"/>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="32"/>
        <source>Findings</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="33"/>
        <source>Impression</source>
        <translation>Impression</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="34"/>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="35"/>
        <source>Patient explanation</source>
        <translation>Patient explanation</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="36"/>
        <source>Translate</source>
        <translation>Translate</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="37"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../app/ui/vault_dialogs.py" line="31"/>
        <source>Unlock the vault</source>
        <translation>Unlock the vault</translation>
    </message>
    <message>
        <location filename="../../app/ui/vault_dialogs.py" line="33"/>
        <source>Enclave could not open the encrypted vault by itself ({0}).</source>
        <translation>Enclave could not open the encrypted vault by itself ({0}).</translation>
    </message>
    <message>
        <location filename="../../app/ui/vault_dialogs.py" line="40"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/vault_dialogs.py" line="42"/>
        <source>or the recovery key</source>
        <translation>or the recovery key</translation>
    </message>
    <message>
        <location filename="../../app/ui/vault_dialogs.py" line="43"/>
        <source>Recovery key</source>
        <translation>Recovery key</translation>
    </message>
</context>
<context>
    <name>VaultOpener</name>
    <message>
        <location filename="../../app/ui/vault_dialogs.py" line="112"/>
        <source>the vault stays locked; sessions are not stored</source>
        <translation>the vault stays locked; sessions are not stored</translation>
    </message>
</context>
<context>
    <name>VaultPage</name>
    <message>
        <location filename="../../app/ui/wizard.py" line="38"/>
        <source>Create the encrypted vault</source>
        <translation>Create the encrypted vault</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="103"/>
        <source>Sessions are kept in an encrypted database on this computer. Its key is kept in the system keyring. A passphrase is optional: it lets you open the vault where the keyring is not available.</source>
        <translation>Sessions are kept in an encrypted database on this computer. Its key is kept in the system keyring. A passphrase is optional: it lets you open the vault where the keyring is not available.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="106"/>
        <source>Passphrase (optional)</source>
        <translation>Passphrase (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="52"/>
        <source>Repeat it</source>
        <translation>Repeat it</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="40"/>
        <source>Sessions are kept in an encrypted database on this computer. Checking the system keyring…</source>
        <translation>Sessions are kept in an encrypted database on this computer. Checking the system keyring…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="49"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="54"/>
        <source>Create the vault</source>
        <translation>Create the vault</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="69"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="71"/>
        <source>Save to a file…</source>
        <translation>Save to a file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="73"/>
        <source>Print…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="84"/>
        <source>I have printed or written down the recovery key</source>
        <translation>I have printed or written down the recovery key</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="97"/>
        <source>Sessions are kept in an encrypted database on this computer. This computer has no working system keyring, so a passphrase is required: you will type it to open Enclave. Without it the vault would open only with the long recovery key.</source>
        <translation>Sessions are kept in an encrypted database on this computer. This computer has no working system keyring, so a passphrase is required: you will type it to open Enclave. Without it the vault would open only with the long recovery key.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="101"/>
        <source>Passphrase (required)</source>
        <translation>Passphrase (required)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="111"/>
        <source>The two passphrases differ.</source>
        <translation>The two passphrases differ.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="114"/>
        <source>This computer has no system keyring: choose a passphrase first.</source>
        <translation>This computer has no system keyring: choose a passphrase first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="117"/>
        <source>Creating…</source>
        <translation>Creating…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="124"/>
        <source>The vault is ready. This is your recovery key. It is shown only now: print it or write it down and keep it safe. Without it and without the keyring, the sessions cannot be opened.</source>
        <translation>The vault is ready. This is your recovery key. It is shown only now: print it or write it down and keep it safe. Without it and without the keyring, the sessions cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="134"/>
        <source>The vault could not be created: {0}</source>
        <translation>The vault could not be created: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="142"/>
        <source>Save the recovery key</source>
        <translation>Save the recovery key</translation>
    </message>
</context>
</TS>
