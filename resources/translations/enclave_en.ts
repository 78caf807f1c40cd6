<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/ui/about.py" line="32"/>
        <source>About Enclave</source>
        <translation>About Enclave</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="39"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="43"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="44"/>
        <source>Runs on</source>
        <translation>Runs on</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="47"/>
        <source>Enclave is proprietary software. It uses Qt and PySide6 (LGPLv3), llama.cpp and llama-cpp-python (MIT), pydicom (MIT), SQLCipher (BSD-style), NumPy (BSD), Pillow (HPND), python-docx (MIT), pypdf (BSD) and keyring (MIT). The clinical model Qwen2.5-7B-Instruct is under the Apache 2.0 licence; the demonstration model SmolLM2-135M-Instruct is under the Apache 2.0 licence.</source>
        <translation>Enclave is proprietary software. It uses Qt and PySide6 (LGPLv3), llama.cpp and llama-cpp-python (MIT), pydicom (MIT), SQLCipher (BSD-style), NumPy (BSD), Pillow (HPND), python-docx (MIT), pypdf (BSD) and keyring (MIT). The clinical model Qwen2.5-7B-Instruct is under the Apache 2.0 licence; the demonstration model SmolLM2-135M-Instruct is under the Apache 2.0 licence.</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="52"/>
        <source>Enclave never connects to a network: everything runs on this computer.</source>
        <translation>Enclave never connects to a network: everything runs on this computer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="53"/>
        <source>Licences</source>
        <translation>Licences</translation>
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
        <location filename="../../app/ui/conversation.py" line="238"/>
        <source>Drop reports, DICOM files or folders anywhere on this window, or press Ctrl+O.
Then choose a task above, or ask a question below.</source>
        <translation>Drop reports, DICOM files or folders anywhere on this window, or press Ctrl+O.
Then choose a task above, or ask a question below.</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../app/ui/findings.py" line="169"/>
        <source>Correct the finding</source>
        <translation>Correct the finding</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="174"/>
        <source>present</source>
        <translation>present</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="174"/>
        <source>absent</source>
        <translation>absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="174"/>
        <source>possible</source>
        <translation>possible</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="178"/>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="179"/>
        <source>Certainty</source>
        <translation>Certainty</translation>
    </message>
</context>
<context>
    <name>DicomViewer</name>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="72"/>
        <source>Soft tissue</source>
        <translation>Soft tissue</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="73"/>
        <source>Lung</source>
        <translation>Lung</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="74"/>
        <source>Bone</source>
        <translation>Bone</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="75"/>
        <source>Brain</source>
        <translation>Brain</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="76"/>
        <source>Liver</source>
        <translation>Liver</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="440"/>
        <source>instance {0}</source>
        <translation>instance {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="441"/>
        <source>frame {0}</source>
        <translation>frame {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="442"/>
        <source>window C {0} / W {1}</source>
        <translation>window C {0} / W {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="443"/>
        <source>the file&apos;s window</source>
        <translation>the file&apos;s window</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="450"/>
        <source>May show patient details burned into the pixels ({0}). Tick it once you have checked it, to send it to the vision model.</source>
        <translation>May show patient details burned into the pixels ({0}). Tick it once you have checked it, to send it to the vision model.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="508"/>
        <source>The text model reads text only and has not looked at these images. Mark key images (K) and press Look: the vision model sees only the images you mark, or three evenly spaced slices and the one on screen, and its answer names each image it looked at.</source>
        <translation>The text model reads text only and has not looked at these images. Mark key images (K) and press Look: the vision model sees only the images you mark, or three evenly spaced slices and the one on screen, and its answer names each image it looked at.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="513"/>
        <source>The AI model reads text only (reports, structured reports and DICOM metadata). It has not looked at these images. A vision model (Qwen2.5-VL with its mmproj file in the models folder) can look at key images.</source>
        <translation>The AI model reads text only (reports, structured reports and DICOM metadata). It has not looked at these images. A vision model (Qwen2.5-VL with its mmproj file in the models folder) can look at key images.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="517"/>
        <source>Mark key image (K)</source>
        <translation>Mark key image (K)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="518"/>
        <source>The slice on screen, in the window on screen, goes to the vision model</source>
        <translation>The slice on screen, in the window on screen, goes to the vision model</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="520"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="521"/>
        <source>Describe the key images</source>
        <translation>Describe the key images</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="521"/>
        <source>Compare with the report</source>
        <translation>Compare with the report</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="522"/>
        <source>Ask about the images</source>
        <translation>Ask about the images</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="524"/>
        <source>Your question about these images</source>
        <translation>Your question about these images</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="525"/>
        <source>Look</source>
        <translation>Look</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="526"/>
        <source>Let the vision model look at the key images</source>
        <translation>Let the vision model look at the key images</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="527"/>
        <source>No vision model is installed</source>
        <translation>No vision model is installed</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="532"/>
        <source>{0}: window {1}, level {2} (key {3})</source>
        <translation>{0}: window {1}, level {2} (key {3})</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="534"/>
        <source>Invert (I)</source>
        <translation>Invert (I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="535"/>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="536"/>
        <source>Fit the image to the view (0 or double-click)</source>
        <translation>Fit the image to the view (0 or double-click)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="537"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="538"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="539"/>
        <source>Show all tags, including identifying ones</source>
        <translation>Show all tags, including identifying ones</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="541"/>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="541"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="541"/>
        <source>VR</source>
        <translation>VR</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="541"/>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="558"/>
        <source>Only at privacy level &apos;standard&apos;</source>
        <translation>Only at privacy level &apos;standard&apos;</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="607"/>
        <source>These images may show patient details burned into the pixels ({0}). De-identification cannot remove them.</source>
        <translation>These images may show patient details burned into the pixels ({0}). De-identification cannot remove them.</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <location filename="../../app/ui/document_pane.py" line="184"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="185"/>
        <source>Remove this document from the session</source>
        <translation>Remove this document from the session</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="186"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="187"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="188"/>
        <source>Findings</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="191"/>
        <source>No documents yet</source>
        <translation>No documents yet</translation>
    </message>
</context>
<context>
    <name>DocumentText</name>
    <message>
        <location filename="../../app/ui/document_pane.py" line="59"/>
        <source>This file has no report text.</source>
        <translation>This file has no report text.</translation>
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
        <location filename="../../app/ui/document_pane.py" line="125"/>
        <source>{0}: waiting</source>
        <translation>{0}: waiting</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="127"/>
        <source>{0}: reading…</source>
        <translation>{0}: reading…</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="129"/>
        <source>{0}: read</source>
        <translation>{0}: read</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="131"/>
        <source>{0}: model file, loading it</source>
        <translation>{0}: model file, loading it</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="132"/>
        <source>{0}: could not be read</source>
        <translation>{0}: could not be read</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../app/ui/findings.py" line="244"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="245"/>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="246"/>
        <source>Correct…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="248"/>
        <source>Your decision on the selected finding is stored with the session; reviewed findings are this site&apos;s training labels.</source>
        <translation>Your decision on the selected finding is stored with the session; reviewed findings are this site&apos;s training labels.</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="268"/>
        <source>Consortium model: uncalibrated (its precision per finding is not known yet), so it shows probabilities and raises no flags.</source>
        <translation>Consortium model: uncalibrated (its precision per finding is not known yet), so it shows probabilities and raises no flags.</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="309"/>
        <source>Run the Findings task to fill this table.</source>
        <translation>Run the Findings task to fill this table.</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="314"/>
        <source>{0} findings</source>
        <translation>{0} findings</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="316"/>
        <source>{0} ⚠ not found in the source</source>
        <translation>{0} ⚠ not found in the source</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="318"/>
        <source>{0} ⚠ quoted, but the quote does not support the finding</source>
        <translation>{0} ⚠ quoted, but the quote does not support the finding</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="322"/>
        <source>{0} ⚠ certainty in conflict with the rules</source>
        <translation>{0} ⚠ certainty in conflict with the rules</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="324"/>
        <source>{0} of {1} reviewed</source>
        <translation>{0} of {1} reviewed</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="328"/>
        <source>{0} ⚑ consortium model disagrees</source>
        <translation>{0} ⚑ consortium model disagrees</translation>
    </message>
</context>
<context>
    <name>FindingsTable</name>
    <message>
        <location filename="../../app/ui/findings.py" line="78"/>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="78"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="78"/>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="79"/>
        <source>Certainty</source>
        <translation>Certainty</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="79"/>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="79"/>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="80"/>
        <source>Consortium model</source>
        <translation>Consortium model</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="84"/>
        <source>present</source>
        <translation>present</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="84"/>
        <source>absent</source>
        <translation>absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="85"/>
        <source>possible</source>
        <translation>possible</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="91"/>
        <source>✓ confirmed</source>
        <translation>✓ confirmed</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="93"/>
        <source>✗ rejected</source>
        <translation>✗ rejected</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="95"/>
        <source>✎ corrected: {0}, {1}</source>
        <translation>✎ corrected: {0}, {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="109"/>
        <source>The quoted evidence is not in the document: check this finding against the source.</source>
        <translation>The quoted evidence is not in the document: check this finding against the source.</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="120"/>
        <source>{0} ⚠ rules: {1}</source>
        <translation>{0} ⚠ rules: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="128"/>
        <source>The consortium&apos;s findings model disagrees with the draft. It is a second opinion: check the report.</source>
        <translation>The consortium&apos;s findings model disagrees with the draft. It is a second opinion: check the report.</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="133"/>
        <source>The consortium model&apos;s probability for this label. Its precision has not been measured, so it never contradicts the draft.</source>
        <translation>The consortium model&apos;s probability for this label. Its precision has not been measured, so it never contradicts the draft.</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="141"/>
        <source>Conflict: the draft says {0}; the certainty rules read {1} in “{2}”. The draft&apos;s answer is kept: check the report and decide.</source>
        <translation>Conflict: the draft says {0}; the certainty rules read {1} in “{2}”. The draft&apos;s answer is kept: check the report and decide.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../app/ui/wizard.py" line="222"/>
        <location filename="../../app/ui/wizard.py" line="226"/>
        <source>Welcome to Enclave</source>
        <translation>Welcome to Enclave</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="227"/>
        <source>Enclave reads radiology and clinical reports and DICOM studies, and drafts summaries, findings and follow-up with a language model that runs entirely on this computer. Nothing is sent over a network. Every answer is a draft to check against the source.</source>
        <translation>Enclave reads radiology and clinical reports and DICOM studies, and drafts summaries, findings and follow-up with a language model that runs entirely on this computer. Nothing is sent over a network. Every answer is a draft to check against the source.</translation>
    </message>
</context>
<context>
    <name>FollowupCorrectionDialog</name>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="70"/>
        <source>Correct an input of the follow-up calculator</source>
        <translation>Correct an input of the follow-up calculator</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="74"/>
        <source>a number, or empty for not stated</source>
        <translation>a number, or empty for not stated</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="76"/>
        <source>The panel is recomputed from the report with your correction; the original reading is kept and the change is stored and audited.</source>
        <translation>The panel is recomputed from the report with your correction; the original reading is kept and the change is stored and audited.</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="80"/>
        <source>Input</source>
        <translation>Input</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="81"/>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="82"/>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="99"/>
        <source>size (mm): {0}</source>
        <translation>size (mm): {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="100"/>
        <source>type: {0}</source>
        <translation>type: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="101"/>
        <source>counted or not: {0}</source>
        <translation>counted or not: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="118"/>
        <source>radiograph</source>
        <translation>radiograph</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="118"/>
        <source>other</source>
        <translation>other</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="105"/>
        <location filename="../../app/ui/followup_panel.py" line="123"/>
        <source>Nodule {0}</source>
        <translation>Nodule {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="125"/>
        <source>solid</source>
        <translation>solid</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="125"/>
        <source>part-solid</source>
        <translation>part-solid</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="126"/>
        <source>ground-glass</source>
        <translation>ground-glass</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="128"/>
        <source>a nodule the table counts</source>
        <translation>a nodule the table counts</translation>
    </message>
</context>
<context>
    <name>FollowupPanelView</name>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="176"/>
        <source>Correct an input…</source>
        <translation>Correct an input…</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="178"/>
        <source>Set or correct the age, the examination, an exclusion, a risk factor or a nodule&apos;s size, type or status; the panel is recomputed and the change is kept in the vault.</source>
        <translation>Set or correct the age, the examination, an exclusion, a risk factor or a nodule&apos;s size, type or status; the panel is recomputed and the change is kept in the vault.</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="203"/>
        <source>radiograph</source>
        <translation>radiograph</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="203"/>
        <source>other</source>
        <translation>other</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="208"/>
        <source>solid</source>
        <translation>solid</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="208"/>
        <source>part-solid</source>
        <translation>part-solid</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="209"/>
        <source>ground-glass</source>
        <translation>ground-glass</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="210"/>
        <source>type not stated</source>
        <translation>type not stated</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="216"/>
        <source>No Fleischner assessment for this session.</source>
        <translation>No Fleischner assessment for this session.</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="225"/>
        <source>The risk is not stated: both rows of the table apply.</source>
        <translation>The risk is not stated: both rows of the table apply.</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="230"/>
        <source>If {0} risk:</source>
        <translation>If {0} risk:</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="236"/>
        <source>No recommendation. What it needs:</source>
        <translation>No recommendation. What it needs:</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="244"/>
        <source>Nodules (★ guides management):</source>
        <translation>Nodules (★ guides management):</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="249"/>
        <source>size not stated</source>
        <translation>size not stated</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="259"/>
        <source>the model reads {0} mm (second reader)</source>
        <translation>the model reads {0} mm (second reader)</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="270"/>
        <source>Inputs and where they came from:</source>
        <translation>Inputs and where they came from:</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="283"/>
        <source>Risk factors not stated: {0}</source>
        <translation>Risk factors not stated: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="287"/>
        <source>Your corrections:</source>
        <translation>Your corrections:</translation>
    </message>
</context>
<context>
    <name>ImageCanvas</name>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="231"/>
        <source>Loading image…</source>
        <translation>Loading image…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="244"/>
        <source>Image {0}/{1}</source>
        <translation>Image {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="246"/>
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
        <location filename="../../app/ui/main_window.py" line="238"/>
        <source>Reading {0} of {1}: {2}</source>
        <translation>Reading {0} of {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="250"/>
        <source>Copied to the clipboard</source>
        <translation>Copied to the clipboard</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="256"/>
        <source>That evidence is not in the documents</source>
        <translation>That evidence is not in the documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="269"/>
        <location filename="../../app/ui/start_window.py" line="63"/>
        <source>Enclave — offline clinical report assistant</source>
        <translation>Enclave — offline clinical report assistant</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="270"/>
        <source>Open…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="271"/>
        <source>Open reports or DICOM files (Ctrl+O)</source>
        <translation>Open reports or DICOM files (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="272"/>
        <source>New session</source>
        <translation>New session</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="273"/>
        <source>Start a new session (Ctrl+N)</source>
        <translation>Start a new session (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="274"/>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="275"/>
        <source>Export this session as PDF, DOCX or Markdown (Ctrl+E)</source>
        <translation>Export this session as PDF, DOCX or Markdown (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="276"/>
        <source>Batch…</source>
        <translation>Batch…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="277"/>
        <source>Run one task over a folder of reports (Ctrl+B)</source>
        <translation>Run one task over a folder of reports (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="278"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="279"/>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="280"/>
        <source>Lock Enclave (Ctrl+L)</source>
        <translation>Lock Enclave (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="281"/>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="284"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="285"/>
        <source>Stop the answer (Esc)</source>
        <translation>Stop the answer (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="286"/>
        <source>Ask</source>
        <translation>Ask</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="287"/>
        <source>Ask a question about the documents (Enter sends, Shift+Enter for a new line)</source>
        <translation>Ask a question about the documents (Enter sends, Shift+Enter for a new line)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="302"/>
        <source>standard</source>
        <translation>standard</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="302"/>
        <source>high</source>
        <translation>high</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="302"/>
        <source>ephemeral</source>
        <translation>ephemeral</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="303"/>
        <source>Privacy: {0}</source>
        <translation>Privacy: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="312"/>
        <source>Verifying %p%</source>
        <translation>Verifying %p%</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="332"/>
        <source>Loading the model… you can already open documents.</source>
        <translation>Loading the model… you can already open documents.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="334"/>
        <source>The model could not be loaded</source>
        <translation>The model could not be loaded</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="335"/>
        <source>Choose a model file in Settings, or drop a .gguf file on the window.</source>
        <translation>Choose a model file in Settings, or drop a .gguf file on the window.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="343"/>
        <source>Running on the small demonstration model, not the clinical model: its answers are for trying the app only.</source>
        <translation>Running on the small demonstration model, not the clinical model: its answers are for trying the app only.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="346"/>
        <source>Unverified model file: no checksum from the publisher is recorded, so Enclave cannot prove this is the published model and not a damaged or altered copy. Its answers stay drafts; ask IT to compare its SHA-256 with the publisher&apos;s page (&apos;enclave models verify&apos;).</source>
        <translation>Unverified model file: no checksum from the publisher is recorded, so Enclave cannot prove this is the published model and not a damaged or altered copy. Its answers stay drafts; ask IT to compare its SHA-256 with the publisher&apos;s page (&apos;enclave models verify&apos;).</translation>
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
        <location filename="../../app/ui/main_window.py" line="457"/>
        <source>Reviews are stored in the vault, which is not open.</source>
        <translation>Reviews are stored in the vault, which is not open.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="478"/>
        <source>Correction not applied</source>
        <translation>Correction not applied</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="485"/>
        <source>Recomputed; not stored (the vault is not open)</source>
        <translation>Recomputed; not stored (the vault is not open)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="488"/>
        <source>Correction saved in the vault (the original reading is kept)</source>
        <translation>Correction saved in the vault (the original reading is kept)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="495"/>
        <source>Review saved in the vault</source>
        <translation>Review saved in the vault</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="614"/>
        <source>Loading the model again with the new settings…</source>
        <translation>Loading the model again with the new settings…</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <location filename="../../app/ui/conversation.py" line="132"/>
        <source>Enclave (AI draft)</source>
        <translation>Enclave (AI draft)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="134"/>
        <source>You asked for: {0}</source>
        <translation>You asked for: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="136"/>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="137"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="138"/>
        <source>Regenerate</source>
        <translation>Regenerate</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="139"/>
        <source>Edit and resend</source>
        <translation>Edit and resend</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="148"/>
        <source>_Waiting for the model…_</source>
        <translation>_Waiting for the model…_</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="171"/>
        <source>present</source>
        <translation>present</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="171"/>
        <source>absent</source>
        <translation>absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="172"/>
        <source>possible</source>
        <translation>possible</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="176"/>
        <source>_No findings were extracted._</source>
        <translation>_No findings were extracted._</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="181"/>
        <source>**Fleischner 2017 follow-up:** {0}</source>
        <translation>**Fleischner 2017 follow-up:** {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="189"/>
        <source>Failed: {0}</source>
        <translation>Failed: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="192"/>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="194"/>
        <source>{0} tokens · {1:.1f} tokens/s · first token after {2:.1f} s</source>
        <translation>{0} tokens · {1:.1f} tokens/s · first token after {2:.1f} s</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="200"/>
        <source>prompt {0}</source>
        <translation>prompt {0}</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../app/core/messages.py" line="32"/>
        <source>CPU only: this llama.cpp build has no GPU support, answers will be slow. Install the CUDA build (README, &apos;GPU set-up&apos;).</source>
        <translation>CPU only: this llama.cpp build has no GPU support, answers will be slow. Install the CUDA build (README, &apos;GPU set-up&apos;).</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="35"/>
        <source>CPU only: no layer was offloaded to the GPU; answers will be slow.</source>
        <translation>CPU only: no layer was offloaded to the GPU; answers will be slow.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="37"/>
        <source>Only {offloaded} of {total} layers run on the GPU ({backend}); the rest run on the CPU and answers will be slower. A smaller quantisation (Q4_K_M) or a shorter context (n_ctx) lets the whole model fit.</source>
        <translation>Only {offloaded} of {total} layers run on the GPU ({backend}); the rest run on the CPU and answers will be slower. A smaller quantisation (Q4_K_M) or a shorter context (n_ctx) lets the whole model fit.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="41"/>
        <source>The context was reduced from {requested} to {used} tokens to fit in GPU memory.</source>
        <translation>The context was reduced from {requested} to {used} tokens to fit in GPU memory.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="43"/>
        <source>The model file has no chat template; using ChatML.</source>
        <translation>The model file has no chat template; using ChatML.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="44"/>
        <source>CPU only: answers will be slow · {model}</source>
        <translation>CPU only: answers will be slow · {model}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="45"/>
        <source>{backend} · {device} · {offloaded}/{total} layers on GPU · {gib} GB</source>
        <translation>{backend} · {device} · {offloaded}/{total} layers on GPU · {gib} GB</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="49"/>
        <source>{file}: {message}</source>
        <translation>{file}: {message}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="50"/>
        <source>read as {encoding} (no byte-order mark)</source>
        <translation>read as {encoding} (no byte-order mark)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="51"/>
        <source>bytes that are not valid UTF-8 (the first at byte {offset}; {count} character(s) in all) were replaced by �; check the text there</source>
        <translation>bytes that are not valid UTF-8 (the first at byte {offset}; {count} character(s) in all) were replaced by �; check the text there</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="54"/>
        <source>the text encoding was guessed as {encoding}; check that the characters read correctly</source>
        <translation>the text encoding was guessed as {encoding}; check that the characters read correctly</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="56"/>
        <source>read as Latin-1; check that the characters read correctly</source>
        <translation>read as Latin-1; check that the characters read correctly</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="59"/>
        <source>the file says text is burned into the pixels (BurnedInAnnotation YES)</source>
        <translation>the file says text is burned into the pixels (BurnedInAnnotation YES)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="61"/>
        <source>{kind} images often have text burned into the pixels</source>
        <translation>{kind} images often have text burned into the pixels</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="62"/>
        <source>ultrasound</source>
        <translation>ultrasound</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="63"/>
        <source>secondary capture</source>
        <translation>secondary capture</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="64"/>
        <source>other</source>
        <translation>other</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="65"/>
        <source>external camera photograph</source>
        <translation>external camera photograph</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="66"/>
        <source>scanned document</source>
        <translation>scanned document</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="69"/>
        <source>part {number}: {message}</source>
        <translation>part {number}: {message}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="70"/>
        <source>finding {number} is not an object; skipped</source>
        <translation>finding {number} is not an object; skipped</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="71"/>
        <source>no structured findings: {reason}</source>
        <translation>no structured findings: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="72"/>
        <source>the findings JSON was cut short; its {count} complete findings are kept</source>
        <translation>the findings JSON was cut short; its {count} complete findings are kept</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="74"/>
        <source>the output is not findings JSON (it breaks off at character {position})</source>
        <translation>the output is not findings JSON (it breaks off at character {position})</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="76"/>
        <source>the model returned no output</source>
        <translation>the model returned no output</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="77"/>
        <source>the output stopped before the findings list began</source>
        <translation>the output stopped before the findings list began</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="79"/>
        <source>{count} finding(s) repeated word for word were left out</source>
        <translation>{count} finding(s) repeated word for word were left out</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="83"/>
        <source>consortium model: {label} present, {probability} — the draft says {draft}</source>
        <translation>consortium model: {label} present, {probability} — the draft says {draft}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="85"/>
        <source>consortium model: {label} unlikely, {probability} — the draft says {draft}</source>
        <translation>consortium model: {label} unlikely, {probability} — the draft says {draft}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="87"/>
        <location filename="../../app/core/messages.py" line="363"/>
        <source>absent</source>
        <translation>absent</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="88"/>
        <location filename="../../app/core/messages.py" line="362"/>
        <source>present</source>
        <translation>present</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="89"/>
        <source>nothing</source>
        <translation>nothing</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="90"/>
        <source>consortium model (uncalibrated, not a flag): {label} {probability}</source>
        <translation>consortium model (uncalibrated, not a flag): {label} {probability}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="92"/>
        <source>consortium model: {label} {probability}</source>
        <translation>consortium model: {label} {probability}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="95"/>
        <source>The model began repeating itself ({reason}); it was stopped there, and what it wrote before is kept.</source>
        <translation>The model began repeating itself ({reason}); it was stopped there, and what it wrote before is kept.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="98"/>
        <source>the same entry again: {entry}</source>
        <translation>the same entry again: {entry}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="99"/>
        <source>the same sentence {count} times: {sentence}</source>
        <translation>the same sentence {count} times: {sentence}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="100"/>
        <source>{count} characters of blank space</source>
        <translation>{count} characters of blank space</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="101"/>
        <source>the same short text {count} times in a row: {unit}</source>
        <translation>the same short text {count} times in a row: {unit}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="127"/>
        <source>the key is now kept in the OS keyring ({backend})</source>
        <translation>the key is now kept in the OS keyring ({backend})</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="128"/>
        <source>read-only for now: {reason}</source>
        <translation>read-only for now: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="131"/>
        <source>The vision model runs on the CPU (no GPU build or no GPU found): each image takes about a minute to encode.</source>
        <translation>The vision model runs on the CPU (no GPU build or no GPU found): each image takes about a minute to encode.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="134"/>
        <source>The vision model runs on the GPU beside the text model: it needs {need} GB and {free} GB are free.</source>
        <translation>The vision model runs on the GPU beside the text model: it needs {need} GB and {free} GB are free.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="137"/>
        <source>The vision model runs on the GPU: it needs {need} GB and {free} GB are free.</source>
        <translation>The vision model runs on the GPU: it needs {need} GB and {free} GB are free.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="139"/>
        <source>The vision model runs on the CPU: it needs {need} GB of GPU memory and only {free} GB are free beside the text model. Each image takes about a minute; a GPU with more memory runs both.</source>
        <translation>The vision model runs on the CPU: it needs {need} GB of GPU memory and only {free} GB are free beside the text model. Each image takes about a minute; a GPU with more memory runs both.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="142"/>
        <source>The model looked at {count} image(s): {images}. It did not look at any other image or slice.</source>
        <translation>The model looked at {count} image(s): {images}. It did not look at any other image or slice.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="145"/>
        <source>{image} was not sent: {reason}. Confirm it in the viewer to send it at privacy level high.</source>
        <translation>{image} was not sent: {reason}. Confirm it in the viewer to send it at privacy level high.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="147"/>
        <source>{series}, instance {instance}, {window}</source>
        <translation>{series}, instance {instance}, {window}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="148"/>
        <source>{series}, frame {frame}, {window}</source>
        <translation>{series}, frame {frame}, {window}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="149"/>
        <source>the file&apos;s window</source>
        <translation>the file&apos;s window</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="150"/>
        <source>window C {center} / W {width}</source>
        <translation>window C {center} / W {width}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="151"/>
        <source>{preset} window C {center} / W {width}</source>
        <translation>{preset} window C {center} / W {width}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="152"/>
        <source>lung</source>
        <translation>lung</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="152"/>
        <source>mediastinum</source>
        <translation>mediastinum</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="153"/>
        <source>bone</source>
        <translation>bone</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="153"/>
        <source>brain</source>
        <translation>brain</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="154"/>
        <source>image {number}: {image}</source>
        <translation>image {number}: {image}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="155"/>
        <source>**Image {number}** ({image}): {observation}</source>
        <translation>**Image {number}** ({image}): {observation}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="156"/>
        <source>In the report, not seen in these images:</source>
        <translation>In the report, not seen in these images:</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="157"/>
        <source>Seen in the images, not in the report:</source>
        <translation>Seen in the images, not in the report:</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="158"/>
        <source>(quote not found in the report)</source>
        <translation>(quote not found in the report)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="159"/>
        <source>The answer stopped at the token limit; it may be incomplete.</source>
        <translation>The answer stopped at the token limit; it may be incomplete.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="161"/>
        <source>The answer was cancelled before it was complete.</source>
        <translation>The answer was cancelled before it was complete.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="162"/>
        <source>The answer is not complete JSON; it is shown as the model wrote it.</source>
        <translation>The answer is not complete JSON; it is shown as the model wrote it.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="164"/>
        <source>{count} report finding(s) quote words that are not in the report: check them against the source.</source>
        <translation>{count} report finding(s) quote words that are not in the report: check them against the source.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="167"/>
        <source>No vision model is installed: put Qwen2.5-VL-7B-Instruct (GGUF) and its mmproj projector file in the models folder (README, &apos;The vision model&apos;).</source>
        <translation>No vision model is installed: put Qwen2.5-VL-7B-Instruct (GGUF) and its mmproj projector file in the models folder (README, &apos;The vision model&apos;).</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="273"/>
        <source>Fleischner 2017: computed from the report, not by the model</source>
        <translation>Fleischner 2017: computed from the report, not by the model</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="275"/>
        <source>Fleischner 2017: computed from the report and your corrections, not by the model</source>
        <translation>Fleischner 2017: computed from the report and your corrections, not by the model</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="277"/>
        <source>Fleischner 2017: needs your input</source>
        <translation>Fleischner 2017: needs your input</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="278"/>
        <source>Fleischner 2017: the table does not apply</source>
        <translation>Fleischner 2017: the table does not apply</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="280"/>
        <source>in the right upper lobe</source>
        <translation>in the right upper lobe</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="281"/>
        <source>in the right middle lobe</source>
        <translation>in the right middle lobe</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="282"/>
        <source>in the right lower lobe</source>
        <translation>in the right lower lobe</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="283"/>
        <source>in the left upper lobe</source>
        <translation>in the left upper lobe</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="284"/>
        <source>in the left lower lobe</source>
        <translation>in the left lower lobe</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="285"/>
        <source>in the lingula</source>
        <translation>in the lingula</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="287"/>
        <source>the size of the nodule {where} is not stated</source>
        <translation>the size of the nodule {where} is not stated</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="288"/>
        <source>the size of a nodule is not stated</source>
        <translation>the size of a nodule is not stated</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="289"/>
        <source>the sizes of the nodules stated together are not given (which one is the largest?)</source>
        <translation>the sizes of the nodules stated together are not given (which one is the largest?)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="291"/>
        <source>a size next to a nodule cannot be read: “{quote}”</source>
        <translation>a size next to a nodule cannot be read: “{quote}”</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="293"/>
        <source>a range of sizes is given for one nodule: “{quote}”</source>
        <translation>a range of sizes is given for one nodule: “{quote}”</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="295"/>
        <source>the type (solid, part-solid or ground-glass) of the nodule {where} is not stated</source>
        <translation>the type (solid, part-solid or ground-glass) of the nodule {where} is not stated</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="297"/>
        <source>the type (solid, part-solid or ground-glass) of a nodule is not stated</source>
        <translation>the type (solid, part-solid or ground-glass) of a nodule is not stated</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="299"/>
        <source>the nodule {where} is called subsolid: is it part-solid or ground-glass?</source>
        <translation>the nodule {where} is called subsolid: is it part-solid or ground-glass?</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="301"/>
        <source>a nodule is called subsolid: is it part-solid or ground-glass?</source>
        <translation>a nodule is called subsolid: is it part-solid or ground-glass?</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="303"/>
        <source>the report gives different sizes for the nodule {where}: {sizes}</source>
        <translation>the report gives different sizes for the nodule {where}: {sizes}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="305"/>
        <source>the report gives different sizes for one nodule: {sizes}</source>
        <translation>the report gives different sizes for one nodule: {sizes}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="307"/>
        <source>the report gives different types for the nodule {where}: {types}</source>
        <translation>the report gives different types for the nodule {where}: {types}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="309"/>
        <source>the report gives different types for one nodule: {types}</source>
        <translation>the report gives different types for one nodule: {types}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="311"/>
        <source>the report places one nodule in different lobes: {lobes}</source>
        <translation>the report places one nodule in different lobes: {lobes}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="312"/>
        <source>the model reads {model} mm where the report reads {report} mm: decide which is right</source>
        <translation>the model reads {model} mm where the report reads {report} mm: decide which is right</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="314"/>
        <source>the model reads {model} mm, which the report does not state: not used</source>
        <translation>the model reads {model} mm, which the report does not state: not used</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="316"/>
        <source>the model reports a nodule that the rules do not read in “{quote}”: confirm or remove it</source>
        <translation>the model reports a nodule that the rules do not read in “{quote}”: confirm or remove it</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="319"/>
        <source>the examination is not stated to be a CT (the table is for nodules seen on CT)</source>
        <translation>the examination is not stated to be a CT (the table is for nodules seen on CT)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="321"/>
        <source>the documents give different ages: {ages}</source>
        <translation>the documents give different ages: {ages}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="322"/>
        <source>solid and subsolid nodules are both stated: choose the nodule that guides management</source>
        <translation>solid and subsolid nodules are both stated: choose the nodule that guides management</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="324"/>
        <source>age not stated: the table is for adults of 35 or over</source>
        <translation>age not stated: the table is for adults of 35 or over</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="325"/>
        <source>age {age}: older age is not used to set the risk (the guideline gives no cut-off)</source>
        <translation>age {age}: older age is not used to set the risk (the guideline gives no cut-off)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="327"/>
        <source>The Fleischner 2017 table does not apply: {reason}.</source>
        <translation>The Fleischner 2017 table does not apply: {reason}.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="328"/>
        <source>The Fleischner 2017 table does not apply: {reason} (“{quote}”).</source>
        <translation>The Fleischner 2017 table does not apply: {reason} (“{quote}”).</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="330"/>
        <source>No recommendation until this is settled: {reason}.</source>
        <translation>No recommendation until this is settled: {reason}.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="332"/>
        <source>the examination is not a CT (a radiograph or another modality)</source>
        <translation>the examination is not a CT (a radiograph or another modality)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="334"/>
        <source>the patient has a known primary cancer</source>
        <translation>the patient has a known primary cancer</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="335"/>
        <source>the patient is immunocompromised</source>
        <translation>the patient is immunocompromised</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="336"/>
        <source>the patient is under 35</source>
        <translation>the patient is under 35</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="337"/>
        <source>a lung cancer screening CT (Lung-RADS applies)</source>
        <translation>a lung cancer screening CT (Lung-RADS applies)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="338"/>
        <source>no pulmonary nodule is stated</source>
        <translation>no pulmonary nodule is stated</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="339"/>
        <source>a benign pattern of calcification or fat</source>
        <translation>a benign pattern of calcification or fat</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="340"/>
        <source>a typical perifissural nodule</source>
        <translation>a typical perifissural nodule</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="341"/>
        <source>a mass (30 mm or more)</source>
        <translation>a mass (30 mm or more)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="342"/>
        <source>a nodule that changed against a prior study</source>
        <translation>a nodule that changed against a prior study</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="343"/>
        <source>the inputs disagree</source>
        <translation>the inputs disagree</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="344"/>
        <source>a nodule&apos;s size is not known</source>
        <translation>a nodule&apos;s size is not known</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="347"/>
        <source>from the report</source>
        <translation>from the report</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="348"/>
        <source>default</source>
        <translation>default</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="349"/>
        <source>from the model</source>
        <translation>from the model</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="350"/>
        <source>set by the clinician</source>
        <translation>set by the clinician</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="353"/>
        <source>age</source>
        <translation>age</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="354"/>
        <source>examination</source>
        <translation>examination</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="355"/>
        <source>number of nodules</source>
        <translation>number of nodules</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="356"/>
        <source>guide nodule</source>
        <translation>guide nodule</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="357"/>
        <source>known primary cancer</source>
        <translation>known primary cancer</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="358"/>
        <source>immunocompromised</source>
        <translation>immunocompromised</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="359"/>
        <source>lung cancer screening</source>
        <translation>lung cancer screening</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="364"/>
        <source>not stated</source>
        <translation>not stated</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="365"/>
        <source>never smoker</source>
        <translation>never smoker</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="366"/>
        <source>single</source>
        <translation>single</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="367"/>
        <source>multiple</source>
        <translation>multiple</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="371"/>
        <source>typical perifissural nodule: not counted</source>
        <translation>typical perifissural nodule: not counted</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="372"/>
        <source>a mass: outside the table</source>
        <translation>a mass: outside the table</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="373"/>
        <source>changed against a prior: outside the table</source>
        <translation>changed against a prior: outside the table</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="374"/>
        <source>not a nodule (set by the clinician)</source>
        <translation>not a nodule (set by the clinician)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="379"/>
        <source>certainty in conflict: the draft says {draft}, the certainty rules read {rule} in “{evidence}”; the draft&apos;s answer is kept, check the report</source>
        <translation>certainty in conflict: the draft says {draft}, the certainty rules read {rule} in “{evidence}”; the draft&apos;s answer is kept, check the report</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="384"/>
        <source>quote found exactly</source>
        <translation>quote found exactly</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="385"/>
        <source>quote found after ignoring case, blanks and character width</source>
        <translation>quote found after ignoring case, blanks and character width</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="387"/>
        <source>the quote does not support this finding: {reason}</source>
        <translation>the quote does not support this finding: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="389"/>
        <source>the quote is not in the report</source>
        <translation>the quote is not in the report</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="390"/>
        <source>the quote is in the report only with its punctuation changed (“{quoted}”)</source>
        <translation>the quote is in the report only with its punctuation changed (“{quoted}”)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="392"/>
        <source>a number differs: the draft says {claimed}, the report says {quoted}</source>
        <translation>a number differs: the draft says {claimed}, the report says {quoted}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="394"/>
        <source>a comparator differs: the draft says {claimed}, the report says {quoted}</source>
        <translation>a comparator differs: the draft says {claimed}, the report says {quoted}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="396"/>
        <source>the side differs: the draft says {claimed}, the report says {quoted}</source>
        <translation>the side differs: the draft says {claimed}, the report says {quoted}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="398"/>
        <source>the report does not state it as present there ({quoted}); the draft says {claimed}</source>
        <translation>the report does not state it as present there ({quoted}); the draft says {claimed}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="400"/>
        <source>the report reads it as {quoted} there; the draft says {claimed}</source>
        <translation>the report reads it as {quoted} there; the draft says {claimed}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="402"/>
        <source>the quote does not name the finding ({claimed}); it names: {quoted}</source>
        <translation>the quote does not name the finding ({claimed}); it names: {quoted}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="404"/>
        <source>the quote joins words from different sentences</source>
        <translation>the quote joins words from different sentences</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="409"/>
        <source>examination (not named: CT inferred from “{words}”, which only CT describes)</source>
        <translation>examination (not named: CT inferred from “{words}”, which only CT describes)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="411"/>
        <source>the calcification (“{quote}”) is not one of the benign patterns: is the nodule managed by the table?</source>
        <translation>the calcification (“{quote}”) is not one of the benign patterns: is the nodule managed by the table?</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="414"/>
        <source>type not stated: a nodule the report does not call ground-glass or part-solid is read as solid (correct it if it is not)</source>
        <translation>type not stated: a nodule the report does not call ground-glass or part-solid is read as solid (correct it if it is not)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="419"/>
        <source>an earlier size (“{quote}”) is stated without saying which nodule it belongs to: has one of them changed?</source>
        <translation>an earlier size (“{quote}”) is stated without saying which nodule it belongs to: has one of them changed?</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="78"/>
        <source>the output has no &quot;findings&quot; list</source>
        <translation>the output has no &quot;findings&quot; list</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="104"/>
        <source>No pulmonary nodule is stated in the documents.</source>
        <translation>No pulmonary nodule is stated in the documents.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="105"/>
        <source>The Fleischner 2017 recommendations do not apply: the documents mention “{quote}” (lung cancer screening, known cancer or immunosuppression are outside their scope).</source>
        <translation>The Fleischner 2017 recommendations do not apply: the documents mention “{quote}” (lung cancer screening, known cancer or immunosuppression are outside their scope).</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="108"/>
        <source>The Fleischner 2017 recommendations apply to adults aged 35 or over; the documents give an age of {age}.</source>
        <translation>The Fleischner 2017 recommendations apply to adults aged 35 or over; the documents give an age of {age}.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="111"/>
        <source>Patient risk is not stated in the documents (no smoking history or other risk factor the guideline names): the risk is unknown, so both rows are shown.</source>
        <translation>Patient risk is not stated in the documents (no smoking history or other risk factor the guideline names): the risk is unknown, so both rows are shown.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="114"/>
        <source>Low risk as the guideline defines it: minimal or absent smoking history and no other risk factor stated in the documents.</source>
        <translation>Low risk as the guideline defines it: minimal or absent smoking history and no other risk factor stated in the documents.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="117"/>
        <source>These documents describe a radiograph: the table is defined for nodules characterised and measured on CT.</source>
        <translation>These documents describe a radiograph: the table is defined for nodules characterised and measured on CT.</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="120"/>
        <source>calcified: a benign pattern, outside the table</source>
        <translation>calcified: a benign pattern, outside the table</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="121"/>
        <source>outside the guideline&apos;s scope (see notes)</source>
        <translation>outside the guideline&apos;s scope (see notes)</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="122"/>
        <source>{factor}: “{evidence}”</source>
        <translation>{factor}: “{evidence}”</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="123"/>
        <source>low</source>
        <translation>low</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="124"/>
        <source>high</source>
        <translation>high</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="30"/>
        <source>Fleischner Society 2017 (MacMahon et al., Radiology 2017;284:228-243)</source>
        <translation>Fleischner Society 2017 (MacMahon et al., Radiology 2017;284:228-243)</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="32"/>
        <source>Applies to incidental nodules on CT in adults aged 35 or over; not to lung cancer screening, immunocompromised patients or patients with a known primary cancer.</source>
        <translation>Applies to incidental nodules on CT in adults aged 35 or over; not to lung cancer screening, immunocompromised patients or patients with a known primary cancer.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="39"/>
        <location filename="../../app/core/tasks/fleischner.py" line="48"/>
        <location filename="../../app/core/tasks/fleischner.py" line="63"/>
        <location filename="../../app/core/tasks/fleischner.py" line="68"/>
        <source>No routine follow-up.</source>
        <translation>No routine follow-up.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="40"/>
        <location filename="../../app/core/tasks/fleischner.py" line="49"/>
        <source>Optional CT at 12 months.</source>
        <translation>Optional CT at 12 months.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="41"/>
        <source>CT at 6-12 months, then consider CT at 18-24 months.</source>
        <translation>CT at 6-12 months, then consider CT at 18-24 months.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="43"/>
        <source>CT at 6-12 months, then CT at 18-24 months.</source>
        <translation>CT at 6-12 months, then CT at 18-24 months.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="44"/>
        <location filename="../../app/core/tasks/fleischner.py" line="46"/>
        <source>Consider CT at 3 months, PET/CT, or tissue sampling.</source>
        <translation>Consider CT at 3 months, PET/CT, or tissue sampling.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="50"/>
        <location filename="../../app/core/tasks/fleischner.py" line="53"/>
        <source>CT at 3-6 months, then consider CT at 18-24 months.</source>
        <translation>CT at 3-6 months, then consider CT at 18-24 months.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="52"/>
        <location filename="../../app/core/tasks/fleischner.py" line="55"/>
        <source>CT at 3-6 months, then at 18-24 months.</source>
        <translation>CT at 3-6 months, then at 18-24 months.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="64"/>
        <source>CT at 6-12 months to confirm persistence, then CT every 2 years until 5 years.</source>
        <translation>CT at 6-12 months to confirm persistence, then CT every 2 years until 5 years.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="69"/>
        <source>CT at 3-6 months to confirm persistence. If unchanged and solid component remains &lt; 6 mm, annual CT should be performed for 5 years.</source>
        <translation>CT at 3-6 months to confirm persistence. If unchanged and solid component remains &lt; 6 mm, annual CT should be performed for 5 years.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="74"/>
        <location filename="../../app/core/tasks/fleischner.py" line="79"/>
        <source>CT at 3-6 months. If stable, consider CT at 2 and 4 years.</source>
        <translation>CT at 3-6 months. If stable, consider CT at 2 and 4 years.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="75"/>
        <location filename="../../app/core/tasks/fleischner.py" line="80"/>
        <source>CT at 3-6 months. Subsequent management based on the most suspicious nodule(s).</source>
        <translation>CT at 3-6 months. Subsequent management based on the most suspicious nodule(s).</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="92"/>
        <source>Nodules &lt; 6 mm with suspicious morphology, upper-lobe location, or both, may warrant 12-month follow-up in a high-risk patient.</source>
        <translation>Nodules &lt; 6 mm with suspicious morphology, upper-lobe location, or both, may warrant 12-month follow-up in a high-risk patient.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="97"/>
        <source>Use the most suspicious nodule as the guide to management.</source>
        <translation>Use the most suspicious nodule as the guide to management.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="100"/>
        <source>In certain suspicious nodules &lt; 6 mm, consider follow-up at 2 and 4 years. If a solid component or growth develops, consider resection.</source>
        <translation>In certain suspicious nodules &lt; 6 mm, consider follow-up at 2 and 4 years. If a solid component or growth develops, consider resection.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="106"/>
        <source>Part-solid nodules cannot be defined as such until &gt;= 6 mm; persistent part-solid nodules with a solid component &gt;= 6 mm should be considered highly suspicious.</source>
        <translation>Part-solid nodules cannot be defined as such until &gt;= 6 mm; persistent part-solid nodules with a solid component &gt;= 6 mm should be considered highly suspicious.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="110"/>
        <source>Multiple &lt; 6 mm pure ground-glass nodules are usually benign.</source>
        <translation>Multiple &lt; 6 mm pure ground-glass nodules are usually benign.</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="116"/>
        <source>nodule size (mm)</source>
        <translation>nodule size (mm)</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="117"/>
        <source>nodule type (solid, part-solid or ground-glass)</source>
        <translation>nodule type (solid, part-solid or ground-glass)</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="118"/>
        <source>subsolid nodule type (part-solid or ground-glass)</source>
        <translation>subsolid nodule type (part-solid or ground-glass)</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="119"/>
        <source>number of nodules (single or multiple)</source>
        <translation>number of nodules (single or multiple)</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="120"/>
        <source>patient risk (low or high: smoking history, other risk factors)</source>
        <translation>patient risk (low or high: smoking history, other risk factors)</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1194"/>
        <source>exposure to asbestos</source>
        <translation>exposure to asbestos</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1195"/>
        <source>exposure to radon</source>
        <translation>exposure to radon</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1196"/>
        <source>exposure to uranium</source>
        <translation>exposure to uranium</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1197"/>
        <source>family history of lung cancer</source>
        <translation>family history of lung cancer</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1198"/>
        <source>emphysema</source>
        <translation>emphysema</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1199"/>
        <source>pulmonary fibrosis</source>
        <translation>pulmonary fibrosis</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1200"/>
        <source>upper-lobe location</source>
        <translation>upper-lobe location</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1201"/>
        <source>spiculation</source>
        <translation>spiculation</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1193"/>
        <source>smoking history</source>
        <translation>smoking history</translation>
    </message>
</context>
<context>
    <name>ModelPage</name>
    <message>
        <location filename="../../app/ui/wizard.py" line="158"/>
        <source>The language model</source>
        <translation>The language model</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="160"/>
        <source>Enclave runs Qwen2.5-7B-Instruct on this computer. The file is checked (SHA-256) before its first use. You can also drop a .gguf file on the main window later.</source>
        <translation>Enclave runs Qwen2.5-7B-Instruct on this computer. The file is checked (SHA-256) before its first use. You can also drop a .gguf file on the main window later.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="165"/>
        <source>Choose a model file…</source>
        <translation>Choose a model file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="192"/>
        <source>Choose the model file</source>
        <translation>Choose the model file</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="192"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF models (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="201"/>
        <source>Checking the model file (SHA-256)…</source>
        <translation>Checking the model file (SHA-256)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="204"/>
        <source>Loading the model…</source>
        <translation>Loading the model…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="216"/>
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
        <location filename="../../app/ui/application.py" line="99"/>
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
        <location filename="../../app/ui/session_store.py" line="109"/>
        <source>The session store failed</source>
        <translation>The session store failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_store.py" line="234"/>
        <source>The review could not be saved</source>
        <translation>The review could not be saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_store.py" line="252"/>
        <source>The correction could not be saved</source>
        <translation>The correction could not be saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_store.py" line="266"/>
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
        <location filename="../../app/ui/conversation.py" line="32"/>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="33"/>
        <source>Findings</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="34"/>
        <source>Impression</source>
        <translation>Impression</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="35"/>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="36"/>
        <source>Patient explanation</source>
        <translation>Patient explanation</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="37"/>
        <source>Translate</source>
        <translation>Translate</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="38"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="39"/>
        <source>Describe the key images</source>
        <translation>Describe the key images</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="40"/>
        <source>Compare the images with the report</source>
        <translation>Compare the images with the report</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="41"/>
        <source>Question about the images</source>
        <translation>Question about the images</translation>
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
        <location filename="../../app/ui/wizard.py" line="39"/>
        <source>Create the encrypted vault</source>
        <translation>Create the encrypted vault</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="104"/>
        <source>Sessions are kept in an encrypted database on this computer. Its key is kept in the system keyring. A passphrase is optional: it lets you open the vault where the keyring is not available.</source>
        <translation>Sessions are kept in an encrypted database on this computer. Its key is kept in the system keyring. A passphrase is optional: it lets you open the vault where the keyring is not available.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="107"/>
        <source>Passphrase (optional)</source>
        <translation>Passphrase (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="53"/>
        <source>Repeat it</source>
        <translation>Repeat it</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="41"/>
        <source>Sessions are kept in an encrypted database on this computer. Checking the system keyring…</source>
        <translation>Sessions are kept in an encrypted database on this computer. Checking the system keyring…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="50"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="55"/>
        <source>Create the vault</source>
        <translation>Create the vault</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="70"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="72"/>
        <source>Save to a file…</source>
        <translation>Save to a file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="74"/>
        <source>Print…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="85"/>
        <source>I have printed or written down the recovery key</source>
        <translation>I have printed or written down the recovery key</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="98"/>
        <source>Sessions are kept in an encrypted database on this computer. This computer has no working system keyring, so a passphrase is required: you will type it to open Enclave. Without it the vault would open only with the long recovery key.</source>
        <translation>Sessions are kept in an encrypted database on this computer. This computer has no working system keyring, so a passphrase is required: you will type it to open Enclave. Without it the vault would open only with the long recovery key.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="102"/>
        <source>Passphrase (required)</source>
        <translation>Passphrase (required)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="112"/>
        <source>The two passphrases differ.</source>
        <translation>The two passphrases differ.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="115"/>
        <source>This computer has no system keyring: choose a passphrase first.</source>
        <translation>This computer has no system keyring: choose a passphrase first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="118"/>
        <source>Creating…</source>
        <translation>Creating…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="125"/>
        <source>The vault is ready. This is your recovery key. It is shown only now: print it or write it down and keep it safe. Without it and without the keyring, the sessions cannot be opened.</source>
        <translation>The vault is ready. This is your recovery key. It is shown only now: print it or write it down and keep it safe. Without it and without the keyring, the sessions cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="135"/>
        <source>The vault could not be created: {0}</source>
        <translation>The vault could not be created: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="143"/>
        <source>Save the recovery key</source>
        <translation>Save the recovery key</translation>
    </message>
</context>
</TS>
