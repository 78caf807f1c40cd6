<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/ui/about.py" line="32"/>
        <source>About Enclave</source>
        <translation>关于 Enclave</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="39"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="43"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="44"/>
        <source>Runs on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="47"/>
        <source>Enclave is proprietary software. It uses Qt and PySide6 (LGPLv3), llama.cpp and llama-cpp-python (MIT), pydicom (MIT), SQLCipher (BSD-style), NumPy (BSD), Pillow (HPND), python-docx (MIT), pypdf (BSD) and keyring (MIT). The clinical model Qwen2.5-7B-Instruct is under the Apache 2.0 licence; the demonstration model SmolLM2-135M-Instruct is under the Apache 2.0 licence.</source>
        <translation>Enclave 是专有软件。它使用了 Qt 和 PySide6（LGPLv3）、llama.cpp 和 llama-cpp-python（MIT）、pydicom（MIT）、SQLCipher（BSD 类）、NumPy（BSD）、Pillow（HPND）、python-docx（MIT）、pypdf（BSD）和 keyring（MIT）。临床模型 Qwen2.5-7B-Instruct 采用 Apache 2.0 许可证；演示模型 SmolLM2-135M-Instruct 采用 Apache 2.0 许可证。</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="52"/>
        <source>Enclave never connects to a network: everything runs on this computer.</source>
        <translation>Enclave 从不连接网络：一切都在这台计算机上运行。</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="53"/>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
</context>
<context>
    <name>BatchWindow</name>
    <message>
        <location filename="../../app/ui/batch.py" line="121"/>
        <source>Batch analysis</source>
        <translation>批量分析</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="122"/>
        <source>Folder of reports</source>
        <translation>报告文件夹</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="123"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="124"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="125"/>
        <source>Results file (JSON lines)</source>
        <translation>结果文件（JSON Lines）</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="126"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="127"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="128"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="129"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="129"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="129"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="139"/>
        <source>Choose a folder of reports</source>
        <translation>选择报告文件夹</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="153"/>
        <source>Choose a folder that exists.</source>
        <translation>请选择一个存在的文件夹。</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="161"/>
        <source>Waiting for the model…</source>
        <translation>正在等待模型…</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="167"/>
        <source>Cancelling after the current file…</source>
        <translation>将在当前文件完成后取消…</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="176"/>
        <source>{0} of {1} · {2} failed · {3} done before · about {4} left · {5}</source>
        <translation>{0}/{1} · {2} 个失败 · {3} 个此前已完成 · 约剩 {4} · {5}</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="190"/>
        <source>The batch stopped: {0}</source>
        <translation>批量任务已停止：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="192"/>
        <source>{0} processed, {1} failed, {2} done before{3}.</source>
        <translation>已处理 {0} 个，失败 {1} 个，此前已完成 {2} 个{3}。</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="194"/>
        <source> (cancelled)</source>
        <translation>（已取消）</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="211"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="218"/>
        <source>{0} rows written to {1}</source>
        <translation>已将 {0} 行写入 {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch.py" line="219"/>
        <source>The CSV export failed</source>
        <translation>CSV 导出失败</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../app/ui/conversation.py" line="238"/>
        <source>Drop reports, DICOM files or folders anywhere on this window, or press Ctrl+O.
Then choose a task above, or ask a question below.</source>
        <translation>将报告、DICOM 文件或文件夹拖放到此窗口的任意位置，或按 Ctrl+O 打开。
然后在上方选择任务，或在下方提问。</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../app/ui/findings.py" line="169"/>
        <source>Correct the finding</source>
        <translation>更正该发现</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="174"/>
        <source>present</source>
        <translation>存在</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="174"/>
        <source>absent</source>
        <translation>不存在</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="174"/>
        <source>possible</source>
        <translation>可能</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="178"/>
        <source>Finding</source>
        <translation>所见</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="179"/>
        <source>Certainty</source>
        <translation>确定性</translation>
    </message>
</context>
<context>
    <name>DicomViewer</name>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="72"/>
        <source>Soft tissue</source>
        <translation>软组织</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="73"/>
        <source>Lung</source>
        <translation>肺窗</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="74"/>
        <source>Bone</source>
        <translation>骨窗</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="75"/>
        <source>Brain</source>
        <translation>脑窗</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="76"/>
        <source>Liver</source>
        <translation>肝脏</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="440"/>
        <source>instance {0}</source>
        <translation>实例 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="441"/>
        <source>frame {0}</source>
        <translation>第 {0} 帧</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="442"/>
        <source>window C {0} / W {1}</source>
        <translation>窗位 {0} / 窗宽 {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="443"/>
        <source>the file&apos;s window</source>
        <translation>文件自带的窗宽窗位</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="450"/>
        <source>May show patient details burned into the pixels ({0}). Tick it once you have checked it, to send it to the vision model.</source>
        <translation>像素中可能嵌有患者信息（{0}）。请先亲自检查，确认后勾选，才会发送给视觉模型。</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="508"/>
        <source>The text model reads text only and has not looked at these images. Mark key images (K) and press Look: the vision model sees only the images you mark, or three evenly spaced slices and the one on screen, and its answer names each image it looked at.</source>
        <translation>文本模型只读取文本，没有看过这些图像。标记关键图像（K）后按“查看”：视觉模型只看您标记的图像（未标记时为均匀分布的三个层面及当前显示的层面），其回答会注明看过的每一幅图像。</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="513"/>
        <source>The AI model reads text only (reports, structured reports and DICOM metadata). It has not looked at these images. A vision model (Qwen2.5-VL with its mmproj file in the models folder) can look at key images.</source>
        <translation>AI 模型只读取文本（报告、结构化报告和 DICOM 元数据），它没有看过这些图像。视觉模型（将 Qwen2.5-VL 及其 mmproj 文件放入 models 文件夹）可以查看关键图像。</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="517"/>
        <source>Mark key image (K)</source>
        <translation>标记关键图像（K）</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="518"/>
        <source>The slice on screen, in the window on screen, goes to the vision model</source>
        <translation>当前显示的层面将以当前窗宽窗位发送给视觉模型</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="520"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="521"/>
        <source>Describe the key images</source>
        <translation>描述关键图像</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="521"/>
        <source>Compare with the report</source>
        <translation>与报告对比</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="522"/>
        <source>Ask about the images</source>
        <translation>就图像提问</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="524"/>
        <source>Your question about these images</source>
        <translation>您关于这些图像的问题</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="525"/>
        <source>Look</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="526"/>
        <source>Let the vision model look at the key images</source>
        <translation>让视觉模型查看关键图像</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="527"/>
        <source>No vision model is installed</source>
        <translation>未安装视觉模型</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="532"/>
        <source>{0}: window {1}, level {2} (key {3})</source>
        <translation>{0}：窗宽 {1}，窗位 {2}（按键 {3}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="534"/>
        <source>Invert (I)</source>
        <translation>反色（I）</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="535"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="536"/>
        <source>Fit the image to the view (0 or double-click)</source>
        <translation>使图像适应视图（0 或双击）</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="537"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="538"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="539"/>
        <source>Show all tags, including identifying ones</source>
        <translation>显示全部标签，包括可识别身份的标签</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="541"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="541"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="541"/>
        <source>VR</source>
        <translation>VR</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="541"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="558"/>
        <source>Only at privacy level &apos;standard&apos;</source>
        <translation>仅在隐私级别为“标准”时可用</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="607"/>
        <source>These images may show patient details burned into the pixels ({0}). De-identification cannot remove them.</source>
        <translation>这些图像的像素中可能嵌有患者信息（{0}）。去标识化无法去除这些信息。</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <location filename="../../app/ui/document_pane.py" line="184"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="185"/>
        <source>Remove this document from the session</source>
        <translation>从会话中移除此文档</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="186"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="187"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="188"/>
        <source>Findings</source>
        <translation>所见</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="191"/>
        <source>No documents yet</source>
        <translation>尚无文档</translation>
    </message>
</context>
<context>
    <name>DocumentText</name>
    <message>
        <location filename="../../app/ui/document_pane.py" line="59"/>
        <source>This file has no report text.</source>
        <translation>此文件没有报告文本。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/ui/errors.py" line="32"/>
        <source>Remove a document or raise the context length in Settings.</source>
        <translation>请移除一个文档，或在设置中增大上下文长度。</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="35"/>
        <source>Check the model file in Settings, or drop a .gguf file on the window.</source>
        <translation>请在设置中检查模型文件，或将 .gguf 文件拖放到窗口上。</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="38"/>
        <source>Try again; if it happens again, reload the model from Settings.</source>
        <translation>请重试；如果再次出现，请在设置中重新加载模型。</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="41"/>
        <source>Check the file, or export it again from its source system.</source>
        <translation>请检查该文件，或从来源系统重新导出。</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="44"/>
        <source>Close other programs or open fewer files at once.</source>
        <translation>请关闭其他程序，或一次打开较少的文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="47"/>
        <source>Check that the disk has space and the folder can be written.</source>
        <translation>请检查磁盘空间是否充足、文件夹是否可写。</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="49"/>
        <source>Enclave carries on; if something looks wrong, restart it. Details are in the log file.</source>
        <translation>Enclave 将继续运行；如有异常，请重新启动。详细信息见日志文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="77"/>
        <source>Something went wrong</source>
        <translation>出现了问题</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="91"/>
        <source>Something went wrong: {0}</source>
        <translation>出现了问题：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="105"/>
        <source>Enclave</source>
        <translation>Enclave</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="107"/>
        <source>Log file: {0}</source>
        <translation>日志文件：{0}</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../app/ui/export.py" line="26"/>
        <source>Enclave session</source>
        <translation>Enclave 会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="27"/>
        <source>Exported {0} · Enclave {1}</source>
        <translation>导出于 {0} · Enclave {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="31"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="37"/>
        <source>Question</source>
        <translation>提问</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="42"/>
        <source>(no answer)</source>
        <translation>（无回答）</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="45"/>
        <source>Stopped before the end.</source>
        <translation>在完成前已停止。</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="104"/>
        <source>The export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="110"/>
        <source>Export the session</source>
        <translation>导出会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/export.py" line="124"/>
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
</context>
<context>
    <name>FileStatusList</name>
    <message>
        <location filename="../../app/ui/document_pane.py" line="125"/>
        <source>{0}: waiting</source>
        <translation>{0}：等待中</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="127"/>
        <source>{0}: reading…</source>
        <translation>{0}：正在读取…</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="129"/>
        <source>{0}: read</source>
        <translation>{0}：已读取</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="131"/>
        <source>{0}: model file, loading it</source>
        <translation>{0}：模型文件，正在加载</translation>
    </message>
    <message>
        <location filename="../../app/ui/document_pane.py" line="132"/>
        <source>{0}: could not be read</source>
        <translation>{0}：无法读取</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../app/ui/findings.py" line="244"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="245"/>
        <source>Reject</source>
        <translation>否决</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="246"/>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="248"/>
        <source>Your decision on the selected finding is stored with the session; reviewed findings are this site&apos;s training labels.</source>
        <translation>您对所选发现的判定随会话保存；经复核的发现即为本院的训练标签。</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="268"/>
        <source>Consortium model: uncalibrated (its precision per finding is not known yet), so it shows probabilities and raises no flags.</source>
        <translation>联盟模型：未校准（尚不知其对每项发现的精确度），因此只显示概率，不提示分歧。</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="309"/>
        <source>Run the Findings task to fill this table.</source>
        <translation>运行“所见”任务以填充此表。</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="314"/>
        <source>{0} findings</source>
        <translation>{0} 项所见</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="316"/>
        <source>{0} ⚠ not found in the source</source>
        <translation>{0} 项 ⚠ 在原文中未找到</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="318"/>
        <source>{0} ⚠ quoted, but the quote does not support the finding</source>
        <translation>{0} ⚠ 有引文，但引文不支持该所见</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="322"/>
        <source>{0} ⚠ certainty in conflict with the rules</source>
        <translation>{0} ⚠ 确定性与规则冲突</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="324"/>
        <source>{0} of {1} reviewed</source>
        <translation>已复核 {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="328"/>
        <source>{0} ⚑ consortium model disagrees</source>
        <translation>联盟模型有 {0} 处 ⚑ 不同意见</translation>
    </message>
</context>
<context>
    <name>FindingsTable</name>
    <message>
        <location filename="../../app/ui/findings.py" line="78"/>
        <source>Finding</source>
        <translation>所见</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="78"/>
        <source>Site</source>
        <translation>部位</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="78"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="79"/>
        <source>Certainty</source>
        <translation>确定性</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="79"/>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="79"/>
        <source>Review</source>
        <translation>复核</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="80"/>
        <source>Consortium model</source>
        <translation>联盟模型</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="84"/>
        <source>present</source>
        <translation>存在</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="84"/>
        <source>absent</source>
        <translation>不存在</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="85"/>
        <source>possible</source>
        <translation>可能</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="91"/>
        <source>✓ confirmed</source>
        <translation>✓ 已确认</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="93"/>
        <source>✗ rejected</source>
        <translation>✗ 已否决</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="95"/>
        <source>✎ corrected: {0}, {1}</source>
        <translation>✎ 已更正：{0}，{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="109"/>
        <source>The quoted evidence is not in the document: check this finding against the source.</source>
        <translation>引用的依据不在文档中：请对照原文核对此项所见。</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="120"/>
        <source>{0} ⚠ rules: {1}</source>
        <translation>{0} ⚠ 规则：{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="128"/>
        <source>The consortium&apos;s findings model disagrees with the draft. It is a second opinion: check the report.</source>
        <translation>联盟的发现模型与草稿意见不一致。这只是第二意见：请核对报告。</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="133"/>
        <source>The consortium model&apos;s probability for this label. Its precision has not been measured, so it never contradicts the draft.</source>
        <translation>联盟模型对此标签给出的概率。其精确度尚未测定，因此不会与草稿相抵触。</translation>
    </message>
    <message>
        <location filename="../../app/ui/findings.py" line="141"/>
        <source>Conflict: the draft says {0}; the certainty rules read {1} in “{2}”. The draft&apos;s answer is kept: check the report and decide.</source>
        <translation>冲突：草稿为{0}；确定性规则在“{2}”中读为{1}。保留草稿的结论：请核对报告后决定。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../app/ui/wizard.py" line="222"/>
        <location filename="../../app/ui/wizard.py" line="226"/>
        <source>Welcome to Enclave</source>
        <translation>欢迎使用 Enclave</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="227"/>
        <source>Enclave reads radiology and clinical reports and DICOM studies, and drafts summaries, findings and follow-up with a language model that runs entirely on this computer. Nothing is sent over a network. Every answer is a draft to check against the source.</source>
        <translation>Enclave 读取放射学和临床报告以及 DICOM 检查，并用完全在这台计算机上运行的语言模型起草摘要、所见和随访建议。任何内容都不会通过网络发送。每个回答都是草稿，需要对照原文核对。</translation>
    </message>
</context>
<context>
    <name>FollowupCorrectionDialog</name>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="70"/>
        <source>Correct an input of the follow-up calculator</source>
        <translation>更正随访计算器的一项输入</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="74"/>
        <source>a number, or empty for not stated</source>
        <translation>填数字；留空表示未说明</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="76"/>
        <source>The panel is recomputed from the report with your correction; the original reading is kept and the change is stored and audited.</source>
        <translation>面板将根据报告和您的更正重新计算；原读取结果会保留，更正会被保存并记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="80"/>
        <source>Input</source>
        <translation>输入项</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="81"/>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="82"/>
        <source>Number</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="99"/>
        <source>size (mm): {0}</source>
        <translation>大小（毫米）：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="100"/>
        <source>type: {0}</source>
        <translation>类型：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="101"/>
        <source>counted or not: {0}</source>
        <translation>是否计入：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="118"/>
        <source>radiograph</source>
        <translation>X 线片</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="118"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="105"/>
        <location filename="../../app/ui/followup_panel.py" line="123"/>
        <source>Nodule {0}</source>
        <translation>结节 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="125"/>
        <source>solid</source>
        <translation>实性</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="125"/>
        <source>part-solid</source>
        <translation>部分实性</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="126"/>
        <source>ground-glass</source>
        <translation>磨玻璃</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="128"/>
        <source>a nodule the table counts</source>
        <translation>计入指南表格的结节</translation>
    </message>
</context>
<context>
    <name>FollowupPanelView</name>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="176"/>
        <source>Correct an input…</source>
        <translation>更正输入…</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="178"/>
        <source>Set or correct the age, the examination, an exclusion, a risk factor or a nodule&apos;s size, type or status; the panel is recomputed and the change is kept in the vault.</source>
        <translation>设置或更正年龄、检查方式、排除条件、危险因素，或结节的大小、类型、状态；面板会重新计算，更正保存在加密库中。</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="203"/>
        <source>radiograph</source>
        <translation>X 线片</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="203"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="208"/>
        <source>solid</source>
        <translation>实性</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="208"/>
        <source>part-solid</source>
        <translation>部分实性</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="209"/>
        <source>ground-glass</source>
        <translation>磨玻璃</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="210"/>
        <source>type not stated</source>
        <translation>类型未说明</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="216"/>
        <source>No Fleischner assessment for this session.</source>
        <translation>本会话没有 Fleischner 评估。</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="225"/>
        <source>The risk is not stated: both rows of the table apply.</source>
        <translation>未说明风险：表格两行均列出。</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="230"/>
        <source>If {0} risk:</source>
        <translation>若为{0}风险：</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="236"/>
        <source>No recommendation. What it needs:</source>
        <translation>暂无建议。需要补充：</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="244"/>
        <source>Nodules (★ guides management):</source>
        <translation>结节（★ 为决定处理的结节）：</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="249"/>
        <source>size not stated</source>
        <translation>大小未说明</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="259"/>
        <source>the model reads {0} mm (second reader)</source>
        <translation>模型读作 {0} 毫米（第二读者）</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="270"/>
        <source>Inputs and where they came from:</source>
        <translation>各项输入及其来源：</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="283"/>
        <source>Risk factors not stated: {0}</source>
        <translation>未说明的危险因素：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/followup_panel.py" line="287"/>
        <source>Your corrections:</source>
        <translation>您的更正：</translation>
    </message>
</context>
<context>
    <name>ImageCanvas</name>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="231"/>
        <source>Loading image…</source>
        <translation>正在加载图像…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="244"/>
        <source>Image {0}/{1}</source>
        <translation>图像 {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dicom_viewer.py" line="246"/>
        <source>W {0:.0f} L {1:.0f}</source>
        <translation>窗宽 {0:.0f} 窗位 {1:.0f}</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <location filename="../../app/ui/launch.py" line="244"/>
        <source>Enclave could not start: {0}</source>
        <translation>Enclave 无法启动：{0}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../app/ui/lock.py" line="61"/>
        <source>Enclave is locked</source>
        <translation>Enclave 已锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="63"/>
        <source>Enter the vault passphrase or the recovery key to continue.</source>
        <translation>请输入保险库口令或恢复密钥以继续。</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="65"/>
        <source>The session was cleared from the screen. Unlock to continue.</source>
        <translation>会话已从屏幕上清除。解锁后继续。</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="66"/>
        <source>Passphrase or recovery key</source>
        <translation>口令或恢复密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="67"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="95"/>
        <source>That passphrase or recovery key is not right.</source>
        <translation>口令或恢复密钥不正确。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="238"/>
        <source>Reading {0} of {1}: {2}</source>
        <translation>正在读取第 {0}/{1} 个：{2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="250"/>
        <source>Copied to the clipboard</source>
        <translation>已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="256"/>
        <source>That evidence is not in the documents</source>
        <translation>文档中没有该依据</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="269"/>
        <location filename="../../app/ui/start_window.py" line="63"/>
        <source>Enclave — offline clinical report assistant</source>
        <translation>Enclave — 离线临床报告助手</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="270"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="271"/>
        <source>Open reports or DICOM files (Ctrl+O)</source>
        <translation>打开报告或 DICOM 文件（Ctrl+O）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="272"/>
        <source>New session</source>
        <translation>新建会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="273"/>
        <source>Start a new session (Ctrl+N)</source>
        <translation>开始新会话（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="274"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="275"/>
        <source>Export this session as PDF, DOCX or Markdown (Ctrl+E)</source>
        <translation>将此会话导出为 PDF、DOCX 或 Markdown（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="276"/>
        <source>Batch…</source>
        <translation>批量…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="277"/>
        <source>Run one task over a folder of reports (Ctrl+B)</source>
        <translation>对一个报告文件夹运行同一任务（Ctrl+B）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="278"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="279"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="280"/>
        <source>Lock Enclave (Ctrl+L)</source>
        <translation>锁定 Enclave（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="281"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="284"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="285"/>
        <source>Stop the answer (Esc)</source>
        <translation>停止回答（Esc）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="286"/>
        <source>Ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="287"/>
        <source>Ask a question about the documents (Enter sends, Shift+Enter for a new line)</source>
        <translation>就文档提问（Enter 发送，Shift+Enter 换行）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="302"/>
        <source>standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="302"/>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="302"/>
        <source>ephemeral</source>
        <translation>临时</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="303"/>
        <source>Privacy: {0}</source>
        <translation>隐私：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="312"/>
        <source>Verifying %p%</source>
        <translation>正在校验 %p%</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="332"/>
        <source>Loading the model… you can already open documents.</source>
        <translation>正在加载模型…现在已可以打开文档。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="334"/>
        <source>The model could not be loaded</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="335"/>
        <source>Choose a model file in Settings, or drop a .gguf file on the window.</source>
        <translation>请在设置中选择模型文件，或将 .gguf 文件拖放到窗口上。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="343"/>
        <source>Running on the small demonstration model, not the clinical model: its answers are for trying the app only.</source>
        <translation>当前运行的是小型演示模型，而非临床模型：其回答仅供试用本应用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="346"/>
        <source>Unverified model file: no checksum from the publisher is recorded, so Enclave cannot prove this is the published model and not a damaged or altered copy. Its answers stay drafts; ask IT to compare its SHA-256 with the publisher&apos;s page (&apos;enclave models verify&apos;).</source>
        <translation>未经验证的模型文件：未记录发布方提供的校验值，因此 Enclave 无法证明它是发布的原版模型，而不是损坏或被改动的副本。其回答仍是草稿；请 IT 人员将其 SHA-256 与发布方页面核对（&apos;enclave models verify&apos;）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="370"/>
        <source>Open reports or DICOM files</source>
        <translation>打开报告或 DICOM 文件</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="399"/>
        <source>{0} read, {1} could not be read (see the list on the right)</source>
        <translation>已读取 {0} 个，{1} 个无法读取（见右侧列表）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="402"/>
        <source>{0} read</source>
        <translation>已读取 {0} 个</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="457"/>
        <source>Reviews are stored in the vault, which is not open.</source>
        <translation>复核结果保存在加密库中，而加密库尚未打开。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="478"/>
        <source>Correction not applied</source>
        <translation>未应用更正</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="485"/>
        <source>Recomputed; not stored (the vault is not open)</source>
        <translation>已重新计算；未保存（加密库未打开）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="488"/>
        <source>Correction saved in the vault (the original reading is kept)</source>
        <translation>更正已保存到加密库（原读取结果保留）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="495"/>
        <source>Review saved in the vault</source>
        <translation>复核已保存到加密库</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="614"/>
        <source>Loading the model again with the new settings…</source>
        <translation>正在按新设置重新加载模型…</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <location filename="../../app/ui/conversation.py" line="132"/>
        <source>Enclave (AI draft)</source>
        <translation>Enclave（AI 草稿）</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="134"/>
        <source>You asked for: {0}</source>
        <translation>您请求了：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="136"/>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="137"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="138"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="139"/>
        <source>Edit and resend</source>
        <translation>编辑并重新发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="148"/>
        <source>_Waiting for the model…_</source>
        <translation>_正在等待模型…_</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="171"/>
        <source>present</source>
        <translation>存在</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="171"/>
        <source>absent</source>
        <translation>不存在</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="172"/>
        <source>possible</source>
        <translation>可能</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="176"/>
        <source>_No findings were extracted._</source>
        <translation>_未提取到所见。_</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="181"/>
        <source>**Fleischner 2017 follow-up:** {0}</source>
        <translation>**Fleischner 2017 随访：** {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="189"/>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="192"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="194"/>
        <source>{0} tokens · {1:.1f} tokens/s · first token after {2:.1f} s</source>
        <translation>{0} 个词元 · {1:.1f} 词元/秒 · 首个词元用时 {2:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="200"/>
        <source>prompt {0}</source>
        <translation>提示词 {0}</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../app/core/messages.py" line="32"/>
        <source>CPU only: this llama.cpp build has no GPU support, answers will be slow. Install the CUDA build (README, &apos;GPU set-up&apos;).</source>
        <translation>仅 CPU：此 llama.cpp 版本不支持 GPU，回答会较慢。请安装 CUDA 版本（见 README“GPU 设置”）。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="35"/>
        <source>CPU only: no layer was offloaded to the GPU; answers will be slow.</source>
        <translation>仅 CPU：没有任何层加载到 GPU，回答会较慢。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="37"/>
        <source>Only {offloaded} of {total} layers run on the GPU ({backend}); the rest run on the CPU and answers will be slower. A smaller quantisation (Q4_K_M) or a shorter context (n_ctx) lets the whole model fit.</source>
        <translation>{total} 层中只有 {offloaded} 层在 GPU（{backend}）上运行，其余在 CPU 上运行，回答会较慢。使用更小的量化（Q4_K_M）或更短的上下文（n_ctx）可使整个模型装入显存。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="41"/>
        <source>The context was reduced from {requested} to {used} tokens to fit in GPU memory.</source>
        <translation>为适应显存，上下文已从 {requested} 个词元缩减为 {used} 个。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="43"/>
        <source>The model file has no chat template; using ChatML.</source>
        <translation>模型文件没有对话模板，改用 ChatML。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="44"/>
        <source>CPU only: answers will be slow · {model}</source>
        <translation>仅 CPU：回答会较慢 · {model}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="45"/>
        <source>{backend} · {device} · {offloaded}/{total} layers on GPU · {gib} GB</source>
        <translation>{backend} · {device} · {offloaded}/{total} 层在 GPU 上 · {gib} GB</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="49"/>
        <source>{file}: {message}</source>
        <translation>{file}：{message}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="50"/>
        <source>read as {encoding} (no byte-order mark)</source>
        <translation>已按 {encoding} 读取（无字节顺序标记）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="51"/>
        <source>bytes that are not valid UTF-8 (the first at byte {offset}; {count} character(s) in all) were replaced by �; check the text there</source>
        <translation>无效的 UTF-8 字节（第一个位于字节 {offset}，共 {count} 个字符）已替换为 �，请核对该处文本</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="54"/>
        <source>the text encoding was guessed as {encoding}; check that the characters read correctly</source>
        <translation>文本编码推测为 {encoding}，请核对字符是否正确</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="56"/>
        <source>read as Latin-1; check that the characters read correctly</source>
        <translation>已按 Latin-1 读取，请核对字符是否正确</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="59"/>
        <source>the file says text is burned into the pixels (BurnedInAnnotation YES)</source>
        <translation>文件标明像素中烧录有文字（BurnedInAnnotation 为 YES）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="61"/>
        <source>{kind} images often have text burned into the pixels</source>
        <translation>{kind}图像的像素中常烧录有文字</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="62"/>
        <source>ultrasound</source>
        <translation>超声</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="63"/>
        <source>secondary capture</source>
        <translation>二次采集</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="64"/>
        <source>other</source>
        <translation>其他类型</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="65"/>
        <source>external camera photograph</source>
        <translation>外部相机照片</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="66"/>
        <source>scanned document</source>
        <translation>扫描文档</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="69"/>
        <source>part {number}: {message}</source>
        <translation>第 {number} 部分：{message}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="70"/>
        <source>finding {number} is not an object; skipped</source>
        <translation>第 {number} 条发现不是对象，已跳过</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="71"/>
        <source>no structured findings: {reason}</source>
        <translation>没有结构化发现：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="72"/>
        <source>the findings JSON was cut short; its {count} complete findings are kept</source>
        <translation>发现 JSON 被截断，已保留其中 {count} 条完整发现</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="74"/>
        <source>the output is not findings JSON (it breaks off at character {position})</source>
        <translation>输出不是发现 JSON（在第 {position} 个字符处中断）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="76"/>
        <source>the model returned no output</source>
        <translation>模型没有输出</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="77"/>
        <source>the output stopped before the findings list began</source>
        <translation>输出在发现列表开始前就停止了</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="79"/>
        <source>{count} finding(s) repeated word for word were left out</source>
        <translation>逐字重复的 {count} 条发现已略去</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="83"/>
        <source>consortium model: {label} present, {probability} — the draft says {draft}</source>
        <translation>联盟模型：{label} 存在，{probability} —— 草稿认为{draft}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="85"/>
        <source>consortium model: {label} unlikely, {probability} — the draft says {draft}</source>
        <translation>联盟模型：{label} 不太可能，{probability} —— 草稿认为{draft}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="87"/>
        <location filename="../../app/core/messages.py" line="363"/>
        <source>absent</source>
        <translation>不存在</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="88"/>
        <location filename="../../app/core/messages.py" line="362"/>
        <source>present</source>
        <translation>存在</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="89"/>
        <source>nothing</source>
        <translation>未提及</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="90"/>
        <source>consortium model (uncalibrated, not a flag): {label} {probability}</source>
        <translation>联盟模型（未校准，不作为提示）：{label} {probability}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="92"/>
        <source>consortium model: {label} {probability}</source>
        <translation>联盟模型：{label} {probability}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="95"/>
        <source>The model began repeating itself ({reason}); it was stopped there, and what it wrote before is kept.</source>
        <translation>模型开始重复自身（{reason}），已在此处停止，之前生成的内容予以保留。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="98"/>
        <source>the same entry again: {entry}</source>
        <translation>再次出现相同条目：{entry}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="99"/>
        <source>the same sentence {count} times: {sentence}</source>
        <translation>同一句话出现 {count} 次：{sentence}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="100"/>
        <source>{count} characters of blank space</source>
        <translation>{count} 个空白字符</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="101"/>
        <source>the same short text {count} times in a row: {unit}</source>
        <translation>同一段短文本连续重复 {count} 次：{unit}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="127"/>
        <source>the key is now kept in the OS keyring ({backend})</source>
        <translation>密钥现已保存在操作系统密钥环中（{backend}）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="128"/>
        <source>read-only for now: {reason}</source>
        <translation>暂时只读：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="131"/>
        <source>The vision model runs on the CPU (no GPU build or no GPU found): each image takes about a minute to encode.</source>
        <translation>视觉模型在 CPU 上运行（此构建不支持 GPU 或未找到 GPU）：每幅图像编码约需一分钟。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="134"/>
        <source>The vision model runs on the GPU beside the text model: it needs {need} GB and {free} GB are free.</source>
        <translation>视觉模型与文本模型一同在 GPU 上运行：它需要 {need} GB，当前空闲 {free} GB。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="137"/>
        <source>The vision model runs on the GPU: it needs {need} GB and {free} GB are free.</source>
        <translation>视觉模型在 GPU 上运行：它需要 {need} GB，当前空闲 {free} GB。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="139"/>
        <source>The vision model runs on the CPU: it needs {need} GB of GPU memory and only {free} GB are free beside the text model. Each image takes about a minute; a GPU with more memory runs both.</source>
        <translation>视觉模型在 CPU 上运行：它需要 {need} GB 显存，而文本模型之外仅剩 {free} GB。每幅图像约需一分钟；显存更大的 GPU 可同时运行两者。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="142"/>
        <source>The model looked at {count} image(s): {images}. It did not look at any other image or slice.</source>
        <translation>模型查看了 {count} 幅图像：{images}。它没有查看任何其他图像或层面。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="145"/>
        <source>{image} was not sent: {reason}. Confirm it in the viewer to send it at privacy level high.</source>
        <translation>{image} 未发送：{reason}。在隐私级别“高”下，请在查看器中确认后再发送。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="147"/>
        <source>{series}, instance {instance}, {window}</source>
        <translation>{series}，实例 {instance}，{window}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="148"/>
        <source>{series}, frame {frame}, {window}</source>
        <translation>{series}，第 {frame} 帧，{window}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="149"/>
        <source>the file&apos;s window</source>
        <translation>文件自带的窗宽窗位</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="150"/>
        <source>window C {center} / W {width}</source>
        <translation>窗位 {center} / 窗宽 {width}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="151"/>
        <source>{preset} window C {center} / W {width}</source>
        <translation>{preset}（窗位 {center} / 窗宽 {width}）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="152"/>
        <source>lung</source>
        <translation>肺窗</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="152"/>
        <source>mediastinum</source>
        <translation>纵隔窗</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="153"/>
        <source>bone</source>
        <translation>骨窗</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="153"/>
        <source>brain</source>
        <translation>脑窗</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="154"/>
        <source>image {number}: {image}</source>
        <translation>图像 {number}：{image}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="155"/>
        <source>**Image {number}** ({image}): {observation}</source>
        <translation>**图像 {number}**（{image}）：{observation}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="156"/>
        <source>In the report, not seen in these images:</source>
        <translation>报告中提到、但在这些图像中未见：</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="157"/>
        <source>Seen in the images, not in the report:</source>
        <translation>图像中可见、但报告未提及：</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="158"/>
        <source>(quote not found in the report)</source>
        <translation>（报告中找不到该引文）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="159"/>
        <source>The answer stopped at the token limit; it may be incomplete.</source>
        <translation>回答已达到词元上限而停止，可能不完整。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="161"/>
        <source>The answer was cancelled before it was complete.</source>
        <translation>回答在完成前被取消。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="162"/>
        <source>The answer is not complete JSON; it is shown as the model wrote it.</source>
        <translation>回答不是完整的 JSON；按模型原样显示。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="164"/>
        <source>{count} report finding(s) quote words that are not in the report: check them against the source.</source>
        <translation>{count} 条报告所见引用的文字不在报告中：请与原文核对。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="167"/>
        <source>No vision model is installed: put Qwen2.5-VL-7B-Instruct (GGUF) and its mmproj projector file in the models folder (README, &apos;The vision model&apos;).</source>
        <translation>未安装视觉模型：请将 Qwen2.5-VL-7B-Instruct（GGUF）及其 mmproj 投影文件放入 models 文件夹（见 README“视觉模型”）。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="273"/>
        <source>Fleischner 2017: computed from the report, not by the model</source>
        <translation>Fleischner 2017：根据报告计算，而非由模型给出</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="275"/>
        <source>Fleischner 2017: computed from the report and your corrections, not by the model</source>
        <translation>Fleischner 2017：根据报告及您的更正计算，而非由模型给出</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="277"/>
        <source>Fleischner 2017: needs your input</source>
        <translation>Fleischner 2017：需要您补充信息</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="278"/>
        <source>Fleischner 2017: the table does not apply</source>
        <translation>Fleischner 2017：本表不适用</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="280"/>
        <source>in the right upper lobe</source>
        <translation>位于右肺上叶</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="281"/>
        <source>in the right middle lobe</source>
        <translation>位于右肺中叶</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="282"/>
        <source>in the right lower lobe</source>
        <translation>位于右肺下叶</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="283"/>
        <source>in the left upper lobe</source>
        <translation>位于左肺上叶</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="284"/>
        <source>in the left lower lobe</source>
        <translation>位于左肺下叶</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="285"/>
        <source>in the lingula</source>
        <translation>位于舌段</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="287"/>
        <source>the size of the nodule {where} is not stated</source>
        <translation>{where}的结节未注明大小</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="288"/>
        <source>the size of a nodule is not stated</source>
        <translation>有一枚结节未注明大小</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="289"/>
        <source>the sizes of the nodules stated together are not given (which one is the largest?)</source>
        <translation>一并描述的多枚结节未给出大小（哪一枚最大？）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="291"/>
        <source>a size next to a nodule cannot be read: “{quote}”</source>
        <translation>结节旁的尺寸无法读取：“{quote}”</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="293"/>
        <source>a range of sizes is given for one nodule: “{quote}”</source>
        <translation>同一枚结节给出的是尺寸范围：“{quote}”</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="295"/>
        <source>the type (solid, part-solid or ground-glass) of the nodule {where} is not stated</source>
        <translation>{where}的结节未注明类型（实性、部分实性或磨玻璃）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="297"/>
        <source>the type (solid, part-solid or ground-glass) of a nodule is not stated</source>
        <translation>有一枚结节未注明类型（实性、部分实性或磨玻璃）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="299"/>
        <source>the nodule {where} is called subsolid: is it part-solid or ground-glass?</source>
        <translation>{where}的结节被描述为亚实性：是部分实性还是磨玻璃？</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="301"/>
        <source>a nodule is called subsolid: is it part-solid or ground-glass?</source>
        <translation>有一枚结节被称为亚实性：是部分实性还是磨玻璃？</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="303"/>
        <source>the report gives different sizes for the nodule {where}: {sizes}</source>
        <translation>报告对{where}的结节给出了不同的大小：{sizes}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="305"/>
        <source>the report gives different sizes for one nodule: {sizes}</source>
        <translation>报告对同一枚结节给出了不同的大小：{sizes}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="307"/>
        <source>the report gives different types for the nodule {where}: {types}</source>
        <translation>报告对{where}的结节给出了不同的类型：{types}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="309"/>
        <source>the report gives different types for one nodule: {types}</source>
        <translation>报告对同一枚结节给出了不同的类型：{types}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="311"/>
        <source>the report places one nodule in different lobes: {lobes}</source>
        <translation>报告将同一枚结节描述于不同肺叶：{lobes}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="312"/>
        <source>the model reads {model} mm where the report reads {report} mm: decide which is right</source>
        <translation>模型读取为 {model} mm，报告为 {report} mm：请判断哪一个正确</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="314"/>
        <source>the model reads {model} mm, which the report does not state: not used</source>
        <translation>模型读取为 {model} mm，但报告中未写明：未采用</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="316"/>
        <source>the model reports a nodule that the rules do not read in “{quote}”: confirm or remove it</source>
        <translation>模型在“{quote}”中报告了一枚规则未读出的结节：请确认或删除</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="319"/>
        <source>the examination is not stated to be a CT (the table is for nodules seen on CT)</source>
        <translation>未注明检查为 CT（本表适用于 CT 所见结节）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="321"/>
        <source>the documents give different ages: {ages}</source>
        <translation>文档中的年龄不一致：{ages}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="322"/>
        <source>solid and subsolid nodules are both stated: choose the nodule that guides management</source>
        <translation>同时描述了实性与亚实性结节：请选择指导处理的结节</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="324"/>
        <source>age not stated: the table is for adults of 35 or over</source>
        <translation>未注明年龄：本表适用于 35 岁及以上成人</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="325"/>
        <source>age {age}: older age is not used to set the risk (the guideline gives no cut-off)</source>
        <translation>年龄 {age}：高龄不用于判定风险（指南未给出界值）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="327"/>
        <source>The Fleischner 2017 table does not apply: {reason}.</source>
        <translation>Fleischner 2017 表不适用：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="328"/>
        <source>The Fleischner 2017 table does not apply: {reason} (“{quote}”).</source>
        <translation>Fleischner 2017 表不适用：{reason}（“{quote}”）。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="330"/>
        <source>No recommendation until this is settled: {reason}.</source>
        <translation>在此问题解决前不给出建议：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="332"/>
        <source>the examination is not a CT (a radiograph or another modality)</source>
        <translation>检查不是 CT（为X线片或其他检查方式）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="334"/>
        <source>the patient has a known primary cancer</source>
        <translation>患者有已知的原发恶性肿瘤</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="335"/>
        <source>the patient is immunocompromised</source>
        <translation>患者免疫功能低下</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="336"/>
        <source>the patient is under 35</source>
        <translation>患者年龄小于 35 岁</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="337"/>
        <source>a lung cancer screening CT (Lung-RADS applies)</source>
        <translation>肺癌筛查 CT（适用 Lung-RADS）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="338"/>
        <source>no pulmonary nodule is stated</source>
        <translation>未描述肺结节</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="339"/>
        <source>a benign pattern of calcification or fat</source>
        <translation>良性钙化或含脂肪的表现</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="340"/>
        <source>a typical perifissural nodule</source>
        <translation>典型的叶间裂旁结节</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="341"/>
        <source>a mass (30 mm or more)</source>
        <translation>肿块（30 mm 及以上）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="342"/>
        <source>a nodule that changed against a prior study</source>
        <translation>与既往检查相比有变化的结节</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="343"/>
        <source>the inputs disagree</source>
        <translation>输入信息相互矛盾</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="344"/>
        <source>a nodule&apos;s size is not known</source>
        <translation>结节大小未知</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="347"/>
        <source>from the report</source>
        <translation>来自报告</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="348"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="349"/>
        <source>from the model</source>
        <translation>来自模型</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="350"/>
        <source>set by the clinician</source>
        <translation>由医生设定</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="353"/>
        <source>age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="354"/>
        <source>examination</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="355"/>
        <source>number of nodules</source>
        <translation>结节数目</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="356"/>
        <source>guide nodule</source>
        <translation>指导结节</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="357"/>
        <source>known primary cancer</source>
        <translation>已知原发恶性肿瘤</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="358"/>
        <source>immunocompromised</source>
        <translation>免疫功能低下</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="359"/>
        <source>lung cancer screening</source>
        <translation>肺癌筛查</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="364"/>
        <source>not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="365"/>
        <source>never smoker</source>
        <translation>从不吸烟</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="366"/>
        <source>single</source>
        <translation>单发</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="367"/>
        <source>multiple</source>
        <translation>多发</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="371"/>
        <source>typical perifissural nodule: not counted</source>
        <translation>典型叶间裂旁结节：不计入</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="372"/>
        <source>a mass: outside the table</source>
        <translation>肿块：不在本表范围内</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="373"/>
        <source>changed against a prior: outside the table</source>
        <translation>与既往相比有变化：不在本表范围内</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="374"/>
        <source>not a nodule (set by the clinician)</source>
        <translation>不是结节（由医生设定）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="379"/>
        <source>certainty in conflict: the draft says {draft}, the certainty rules read {rule} in “{evidence}”; the draft&apos;s answer is kept, check the report</source>
        <translation>确定性存在冲突：草稿为{draft}，确定性规则在“{evidence}”中读为{rule}；保留草稿的结论，请核对报告</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="384"/>
        <source>quote found exactly</source>
        <translation>引文原样见于报告</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="385"/>
        <source>quote found after ignoring case, blanks and character width</source>
        <translation>忽略大小写、空白和全半角后找到引文</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="387"/>
        <source>the quote does not support this finding: {reason}</source>
        <translation>引文不支持此所见：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="389"/>
        <source>the quote is not in the report</source>
        <translation>报告中没有这段引文</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="390"/>
        <source>the quote is in the report only with its punctuation changed (“{quoted}”)</source>
        <translation>只有改动标点后报告中才有这段引文（“{quoted}”）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="392"/>
        <source>a number differs: the draft says {claimed}, the report says {quoted}</source>
        <translation>数字不同：草稿为{claimed}，报告为{quoted}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="394"/>
        <source>a comparator differs: the draft says {claimed}, the report says {quoted}</source>
        <translation>比较符不同：草稿为{claimed}，报告为{quoted}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="396"/>
        <source>the side differs: the draft says {claimed}, the report says {quoted}</source>
        <translation>侧别不同：草稿为{claimed}，报告为{quoted}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="398"/>
        <source>the report does not state it as present there ({quoted}); the draft says {claimed}</source>
        <translation>报告此处并未说明其存在（{quoted}）；草稿为{claimed}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="400"/>
        <source>the report reads it as {quoted} there; the draft says {claimed}</source>
        <translation>报告此处读作{quoted}；草稿为{claimed}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="402"/>
        <source>the quote does not name the finding ({claimed}); it names: {quoted}</source>
        <translation>引文未提及该所见（{claimed}），提及的是：{quoted}</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="404"/>
        <source>the quote joins words from different sentences</source>
        <translation>引文把不同句子的词拼在了一起</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="409"/>
        <source>examination (not named: CT inferred from “{words}”, which only CT describes)</source>
        <translation>检查方式（未写明：由“{words}”推断为 CT，只有 CT 才会这样描述）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="411"/>
        <source>the calcification (“{quote}”) is not one of the benign patterns: is the nodule managed by the table?</source>
        <translation>钙化（“{quote}”）不属于良性钙化形态：该结节是否按本表处理？</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="414"/>
        <source>type not stated: a nodule the report does not call ground-glass or part-solid is read as solid (correct it if it is not)</source>
        <translation>类型未写明：报告未称为磨玻璃或部分实性的结节按实性结节处理（如不是，请更正）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="419"/>
        <source>an earlier size (“{quote}”) is stated without saying which nodule it belongs to: has one of them changed?</source>
        <translation>报告给出了一个既往大小（“{quote}”），但未说明属于哪一个结节：其中是否有结节发生了变化？</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="78"/>
        <source>the output has no &quot;findings&quot; list</source>
        <translation>输出中没有 &quot;findings&quot; 列表</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="104"/>
        <source>No pulmonary nodule is stated in the documents.</source>
        <translation>文档中未描述肺结节。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="105"/>
        <source>The Fleischner 2017 recommendations do not apply: the documents mention “{quote}” (lung cancer screening, known cancer or immunosuppression are outside their scope).</source>
        <translation>Fleischner 2017 建议不适用：文档提到“{quote}”（肺癌筛查、已知肿瘤或免疫抑制不在其适用范围内）。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="108"/>
        <source>The Fleischner 2017 recommendations apply to adults aged 35 or over; the documents give an age of {age}.</source>
        <translation>Fleischner 2017 建议适用于 35 岁及以上的成人；文档给出的年龄为 {age} 岁。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="111"/>
        <source>Patient risk is not stated in the documents (no smoking history or other risk factor the guideline names): the risk is unknown, so both rows are shown.</source>
        <translation>文档未说明患者风险（无吸烟史或指南列出的其他危险因素）：风险未知，因此两行均列出。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="114"/>
        <source>Low risk as the guideline defines it: minimal or absent smoking history and no other risk factor stated in the documents.</source>
        <translation>按指南定义为低危：文档中吸烟史很少或没有，且未提及其他危险因素。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="117"/>
        <source>These documents describe a radiograph: the table is defined for nodules characterised and measured on CT.</source>
        <translation>这些文档描述的是 X 线片：该表适用于在 CT 上定性和测量的结节。</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="120"/>
        <source>calcified: a benign pattern, outside the table</source>
        <translation>钙化：良性表现，不在表格范围内</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="121"/>
        <source>outside the guideline&apos;s scope (see notes)</source>
        <translation>超出指南适用范围（见注释）</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="122"/>
        <source>{factor}: “{evidence}”</source>
        <translation>{factor}：“{evidence}”</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="123"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../app/core/messages.py" line="124"/>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="30"/>
        <source>Fleischner Society 2017 (MacMahon et al., Radiology 2017;284:228-243)</source>
        <translation>Fleischner 学会 2017（MacMahon 等，Radiology 2017;284:228-243）</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="32"/>
        <source>Applies to incidental nodules on CT in adults aged 35 or over; not to lung cancer screening, immunocompromised patients or patients with a known primary cancer.</source>
        <translation>适用于 35 岁及以上成人 CT 上的偶发结节；不适用于肺癌筛查、免疫功能低下患者或已知原发肿瘤的患者。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="39"/>
        <location filename="../../app/core/tasks/fleischner.py" line="48"/>
        <location filename="../../app/core/tasks/fleischner.py" line="63"/>
        <location filename="../../app/core/tasks/fleischner.py" line="68"/>
        <source>No routine follow-up.</source>
        <translation>无需常规随访。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="40"/>
        <location filename="../../app/core/tasks/fleischner.py" line="49"/>
        <source>Optional CT at 12 months.</source>
        <translation>可选择 12 个月时复查 CT。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="41"/>
        <source>CT at 6-12 months, then consider CT at 18-24 months.</source>
        <translation>6–12 个月复查 CT，之后考虑 18–24 个月复查 CT。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="43"/>
        <source>CT at 6-12 months, then CT at 18-24 months.</source>
        <translation>6–12 个月复查 CT，之后 18–24 个月复查 CT。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="44"/>
        <location filename="../../app/core/tasks/fleischner.py" line="46"/>
        <source>Consider CT at 3 months, PET/CT, or tissue sampling.</source>
        <translation>考虑 3 个月复查 CT、PET/CT 或组织取样。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="50"/>
        <location filename="../../app/core/tasks/fleischner.py" line="53"/>
        <source>CT at 3-6 months, then consider CT at 18-24 months.</source>
        <translation>3–6 个月复查 CT，之后考虑 18–24 个月复查 CT。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="52"/>
        <location filename="../../app/core/tasks/fleischner.py" line="55"/>
        <source>CT at 3-6 months, then at 18-24 months.</source>
        <translation>3–6 个月复查 CT，之后 18–24 个月复查。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="64"/>
        <source>CT at 6-12 months to confirm persistence, then CT every 2 years until 5 years.</source>
        <translation>6–12 个月复查 CT 以确认是否持续存在，之后每 2 年复查 CT 至满 5 年。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="69"/>
        <source>CT at 3-6 months to confirm persistence. If unchanged and solid component remains &lt; 6 mm, annual CT should be performed for 5 years.</source>
        <translation>3–6 个月复查 CT 以确认是否持续存在。若无变化且实性成分仍 &lt; 6 mm，应每年复查 CT，持续 5 年。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="74"/>
        <location filename="../../app/core/tasks/fleischner.py" line="79"/>
        <source>CT at 3-6 months. If stable, consider CT at 2 and 4 years.</source>
        <translation>3–6 个月复查 CT。若稳定，考虑在第 2 年和第 4 年复查 CT。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="75"/>
        <location filename="../../app/core/tasks/fleischner.py" line="80"/>
        <source>CT at 3-6 months. Subsequent management based on the most suspicious nodule(s).</source>
        <translation>3–6 个月复查 CT。后续处理以最可疑的结节为准。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="92"/>
        <source>Nodules &lt; 6 mm with suspicious morphology, upper-lobe location, or both, may warrant 12-month follow-up in a high-risk patient.</source>
        <translation>对高危患者，形态可疑、位于上叶或两者兼有的 &lt; 6 mm 结节，可能需要 12 个月随访。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="97"/>
        <source>Use the most suspicious nodule as the guide to management.</source>
        <translation>以最可疑的结节指导处理。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="100"/>
        <source>In certain suspicious nodules &lt; 6 mm, consider follow-up at 2 and 4 years. If a solid component or growth develops, consider resection.</source>
        <translation>对某些可疑的 &lt; 6 mm 结节，考虑在第 2 年和第 4 年随访。若出现实性成分或增大，考虑切除。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="106"/>
        <source>Part-solid nodules cannot be defined as such until &gt;= 6 mm; persistent part-solid nodules with a solid component &gt;= 6 mm should be considered highly suspicious.</source>
        <translation>部分实性结节须 &gt;= 6 mm 才能如此定义；持续存在且实性成分 &gt;= 6 mm 的部分实性结节应视为高度可疑。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="110"/>
        <source>Multiple &lt; 6 mm pure ground-glass nodules are usually benign.</source>
        <translation>多发 &lt; 6 mm 纯磨玻璃结节通常为良性。</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="116"/>
        <source>nodule size (mm)</source>
        <translation>结节大小（毫米）</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="117"/>
        <source>nodule type (solid, part-solid or ground-glass)</source>
        <translation>结节类型（实性、部分实性或磨玻璃）</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="118"/>
        <source>subsolid nodule type (part-solid or ground-glass)</source>
        <translation>亚实性结节类型（部分实性或磨玻璃）</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="119"/>
        <source>number of nodules (single or multiple)</source>
        <translation>结节数目（单发或多发）</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/fleischner.py" line="120"/>
        <source>patient risk (low or high: smoking history, other risk factors)</source>
        <translation>患者风险（低危或高危：吸烟史、其他危险因素）</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1194"/>
        <source>exposure to asbestos</source>
        <translation>石棉暴露</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1195"/>
        <source>exposure to radon</source>
        <translation>氡暴露</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1196"/>
        <source>exposure to uranium</source>
        <translation>铀暴露</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1197"/>
        <source>family history of lung cancer</source>
        <translation>肺癌家族史</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1198"/>
        <source>emphysema</source>
        <translation>肺气肿</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1199"/>
        <source>pulmonary fibrosis</source>
        <translation>肺纤维化</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1200"/>
        <source>upper-lobe location</source>
        <translation>位于上叶</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1201"/>
        <source>spiculation</source>
        <translation>毛刺征</translation>
    </message>
    <message>
        <location filename="../../app/core/tasks/nodules.py" line="1193"/>
        <source>smoking history</source>
        <translation>吸烟史</translation>
    </message>
</context>
<context>
    <name>ModelPage</name>
    <message>
        <location filename="../../app/ui/wizard.py" line="158"/>
        <source>The language model</source>
        <translation>语言模型</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="160"/>
        <source>Enclave runs Qwen2.5-7B-Instruct on this computer. The file is checked (SHA-256) before its first use. You can also drop a .gguf file on the main window later.</source>
        <translation>Enclave 在这台计算机上运行 Qwen2.5-7B-Instruct。首次使用前会校验文件（SHA-256）。之后也可以将 .gguf 文件拖放到主窗口上。</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="165"/>
        <source>Choose a model file…</source>
        <translation>选择模型文件…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="192"/>
        <source>Choose the model file</source>
        <translation>选择模型文件</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="192"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="201"/>
        <source>Checking the model file (SHA-256)…</source>
        <translation>正在校验模型文件（SHA-256）…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="204"/>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="216"/>
        <source>The model could not be loaded: {0}</source>
        <translation>无法加载模型：{0}</translation>
    </message>
</context>
<context>
    <name>RecoveryPrint</name>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="25"/>
        <source>This key opens your Enclave vault when the system keyring or your passphrase cannot: after a new computer account, a reinstalled system or a forgotten passphrase.</source>
        <translation>当系统密钥环或口令无法打开 Enclave 保险库时（例如换了新的计算机账户、重装了系统或忘记了口令），可用此密钥打开。</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="28"/>
        <source>Keep this sheet somewhere safe and apart from the computer and its backups, as you would a key to a records room. Anyone with it and a copy of the data folder can read the sessions.</source>
        <translation>请像保管病案室钥匙一样，把这张纸妥善保存在远离计算机及其备份的地方。任何人拿到它和数据文件夹的副本，都能读取会话。</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="31"/>
        <source>To use it: type the key where Enclave asks for the passphrase or recovery key. Dashes and spaces do not matter, and a mistyped letter is detected.</source>
        <translation>使用方法：在 Enclave 要求输入口令或恢复密钥的地方输入此密钥。短横线和空格无关紧要，输错的字母会被检测出来。</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="34"/>
        <source>If the key is lost while the vault still opens, make a new one at once (enclave vault rekey). This sheet then no longer works.</source>
        <translation>如果密钥丢失而保险库仍能打开，请立即生成新的密钥（enclave vault rekey）。此后这张纸将失效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="37"/>
        <source>Enclave recovery key</source>
        <translation>Enclave 恢复密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="38"/>
        <source>Printed {0}</source>
        <translation>打印于 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_print.py" line="61"/>
        <source>Print the recovery key</source>
        <translation>打印恢复密钥</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../app/ui/application.py" line="99"/>
        <source>Sessions are not stored: {0}</source>
        <translation>会话未被保存：{0}</translation>
    </message>
</context>
<context>
    <name>SessionPanel</name>
    <message>
        <location filename="../../app/ui/sessions.py" line="92"/>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="93"/>
        <source>Search all sessions (Ctrl+F)</source>
        <translation>搜索所有会话（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="94"/>
        <source>New session (Ctrl+N)</source>
        <translation>新建会话（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="95"/>
        <location filename="../../app/ui/sessions.py" line="216"/>
        <source>Pin or unpin</source>
        <translation>置顶或取消置顶</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="96"/>
        <location filename="../../app/ui/sessions.py" line="215"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="97"/>
        <location filename="../../app/ui/sessions.py" line="217"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="99"/>
        <source>Sessions are not being stored: the encrypted vault is not open.</source>
        <translation>会话未被保存：加密保险库未打开。</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="185"/>
        <source>Rename session</source>
        <translation>重命名会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="186"/>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="199"/>
        <source>Delete session</source>
        <translation>删除会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/sessions.py" line="200"/>
        <source>Delete this session and everything in it? This cannot be undone.</source>
        <translation>删除此会话及其全部内容？此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>SessionStore</name>
    <message>
        <location filename="../../app/ui/session_store.py" line="109"/>
        <source>The session store failed</source>
        <translation>会话存储失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_store.py" line="234"/>
        <source>The review could not be saved</source>
        <translation>复核未能保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_store.py" line="252"/>
        <source>The correction could not be saved</source>
        <translation>无法保存更正</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_store.py" line="266"/>
        <source>The images of this study are not kept in the vault; open the files again to view them.</source>
        <translation>此检查的图像未保存在保险库中；请重新打开文件以查看。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="157"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="158"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="159"/>
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="160"/>
        <source>Found automatically (models folder, demo model)</source>
        <translation>自动查找（models 文件夹、演示模型）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="161"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="162"/>
        <source>GPU layers</source>
        <translation>GPU 层数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="163"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="164"/>
        <source>Context length (tokens)</source>
        <translation>上下文长度（词元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="165"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="166"/>
        <source>CPU threads</source>
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="167"/>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="168"/>
        <source>Flash attention</source>
        <translation>Flash Attention</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="169"/>
        <source>KV cache type</source>
        <translation>KV 缓存类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="170"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="171"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="172"/>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="173"/>
        <source>Privacy level</source>
        <translation>隐私级别</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="174"/>
        <source>standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="174"/>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="174"/>
        <source>ephemeral</source>
        <translation>临时</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="176"/>
        <source>Lock after idle minutes</source>
        <translation>空闲多少分钟后锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="177"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="178"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="179"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="180"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="181"/>
        <source>follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="181"/>
        <source>light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="181"/>
        <source>dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="192"/>
        <source>Choose the model file</source>
        <translation>选择模型文件</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="192"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="200"/>
        <source>Documents are analysed as they are; the full DICOM tags can be shown.</source>
        <translation>按原样分析文档；可以显示完整的 DICOM 标签。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="201"/>
        <source>DICOM metadata is de-identified and report text is redacted before the model, the store or an export sees it.</source>
        <translation>在模型、存储或导出接触之前，DICOM 元数据会被去标识化，报告文本会被脱敏。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="203"/>
        <source>As high, and sessions are never written to disk.</source>
        <translation>同“高”，并且会话从不写入磁盘。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="228"/>
        <source>These changes need the model loaded again; Enclave does that when you press OK.</source>
        <translation>这些更改需要重新加载模型；按“确定”后 Enclave 会自动完成。</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <location filename="../../app/ui/start_window.py" line="65"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../../app/ui/start_window.py" line="71"/>
        <source>Loading the AI engine and your workspace…</source>
        <translation>正在加载 AI 引擎和您的工作区…</translation>
    </message>
    <message>
        <location filename="../../app/ui/start_window.py" line="83"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/start_window.py" line="98"/>
        <source>Starting… {0} file(s) will open when the window is ready.</source>
        <translation>正在启动… 窗口就绪后将打开 {0} 个文件。</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <location filename="../../app/ui/conversation.py" line="32"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="33"/>
        <source>Findings</source>
        <translation>所见</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="34"/>
        <source>Impression</source>
        <translation>印象</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="35"/>
        <source>Follow-up</source>
        <translation>随访</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="36"/>
        <source>Patient explanation</source>
        <translation>患者解读</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="37"/>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="38"/>
        <source>Question</source>
        <translation>提问</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="39"/>
        <source>Describe the key images</source>
        <translation>描述关键图像</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="40"/>
        <source>Compare the images with the report</source>
        <translation>将图像与报告对比</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation.py" line="41"/>
        <source>Question about the images</source>
        <translation>关于图像的问题</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../app/ui/vault_dialogs.py" line="31"/>
        <source>Unlock the vault</source>
        <translation>解锁保险库</translation>
    </message>
    <message>
        <location filename="../../app/ui/vault_dialogs.py" line="33"/>
        <source>Enclave could not open the encrypted vault by itself ({0}).</source>
        <translation>Enclave 无法自动打开加密保险库（{0}）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/vault_dialogs.py" line="40"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../app/ui/vault_dialogs.py" line="42"/>
        <source>or the recovery key</source>
        <translation>或恢复密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/vault_dialogs.py" line="43"/>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
</context>
<context>
    <name>VaultOpener</name>
    <message>
        <location filename="../../app/ui/vault_dialogs.py" line="112"/>
        <source>the vault stays locked; sessions are not stored</source>
        <translation>保险库保持锁定；会话不会被保存</translation>
    </message>
</context>
<context>
    <name>VaultPage</name>
    <message>
        <location filename="../../app/ui/wizard.py" line="39"/>
        <source>Create the encrypted vault</source>
        <translation>创建加密保险库</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="104"/>
        <source>Sessions are kept in an encrypted database on this computer. Its key is kept in the system keyring. A passphrase is optional: it lets you open the vault where the keyring is not available.</source>
        <translation>会话保存在这台计算机上的加密数据库中，其密钥保存在系统密钥环中。口令是可选的：在密钥环不可用时，可用它打开保险库。</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="107"/>
        <source>Passphrase (optional)</source>
        <translation>口令（可选）</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="53"/>
        <source>Repeat it</source>
        <translation>再次输入</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="41"/>
        <source>Sessions are kept in an encrypted database on this computer. Checking the system keyring…</source>
        <translation>会话保存在这台计算机上的加密数据库中。正在检查系统密钥环…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="50"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="55"/>
        <source>Create the vault</source>
        <translation>创建保险库</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="70"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="72"/>
        <source>Save to a file…</source>
        <translation>保存到文件…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="74"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="85"/>
        <source>I have printed or written down the recovery key</source>
        <translation>我已打印或抄写下恢复密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="98"/>
        <source>Sessions are kept in an encrypted database on this computer. This computer has no working system keyring, so a passphrase is required: you will type it to open Enclave. Without it the vault would open only with the long recovery key.</source>
        <translation>会话保存在这台计算机上的加密数据库中。这台计算机没有可用的系统密钥环，因此必须设置口令：打开 Enclave 时需要输入它。没有口令，保险库只能用很长的恢复密钥打开。</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="102"/>
        <source>Passphrase (required)</source>
        <translation>口令（必填）</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="112"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="115"/>
        <source>This computer has no system keyring: choose a passphrase first.</source>
        <translation>这台计算机没有系统密钥环：请先设置口令。</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="118"/>
        <source>Creating…</source>
        <translation>正在创建…</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="125"/>
        <source>The vault is ready. This is your recovery key. It is shown only now: print it or write it down and keep it safe. Without it and without the keyring, the sessions cannot be opened.</source>
        <translation>保险库已就绪。这是您的恢复密钥，仅显示这一次：请打印或抄写下来并妥善保管。没有它且没有密钥环时，将无法打开会话。</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="135"/>
        <source>The vault could not be created: {0}</source>
        <translation>无法创建保险库：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/wizard.py" line="143"/>
        <source>Save the recovery key</source>
        <translation>保存恢复密钥</translation>
    </message>
</context>
</TS>
