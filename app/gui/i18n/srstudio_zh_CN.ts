<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>open images</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>open a folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>cancel the selected jobs</source>
        <translation>取消所选任务</translation>
    </message>
    <message>
        <source>fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>split wipe on/off</source>
        <translation>开关分屏滑块</translation>
    </message>
    <message>
        <source>log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>import model</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>manage models</source>
        <translation>管理模型</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>wheel / drag</source>
        <translation>滚轮 / 拖动</translation>
    </message>
    <message>
        <source>zoom to cursor / pan</source>
        <translation>以光标为中心缩放 / 平移</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>&amp;Open images or videos…</source>
        <translation>打开图像或视频(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Import model…</source>
        <translation>导入模型(&amp;I)…</translation>
    </message>
    <message>
        <source>Import model files (.pth, .safetensors, .onnx, .param/.bin…); dropping them on the window does too</source>
        <translation>导入模型文件（.pth、.safetensors、.onnx、.param/.bin…）；拖放到窗口上也可以</translation>
    </message>
    <message>
        <source>&amp;Manage models…</source>
        <translation>管理模型(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Upscale every queued file (Ctrl+Return)</source>
        <translation>放大队列中的所有文件（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Cancel &amp;selected</source>
        <translation>取消所选(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Cancel all</source>
        <translation>全部取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Remove finished</source>
        <translation>移除已完成(&amp;R)</translation>
    </message>
    <message>
        <source>Start &amp;automatically on drop</source>
        <translation>拖放后自动开始(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Split &amp;wipe</source>
        <translation>分屏滑块(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;About SR Studio</source>
        <translation>关于 SR Studio(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Self-test…</source>
        <translation>自检(&amp;S)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>not probed yet</source>
        <translation>尚未检测</translation>
    </message>
    <message>
        <source>Single-image and video super-resolution, with a built-in trainer.</source>
        <translation>图像与视频超分辨率，内置训练功能。</translation>
    </message>
    <message>
        <source>About SR Studio</source>
        <translation>关于 SR Studio</translation>
    </message>
</context>
<context>
    <name>CatalogController</name>
    <message>
        <source>Device: {d}</source>
        <translation>设备：{d}</translation>
    </message>
    <message>
        <source>{n} models ({s} shipped), devices: {d}</source>
        <translation>{n} 个模型（内置 {s} 个），设备：{d}</translation>
    </message>
    <message>
        <source>Import models</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>Models (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;All files (*)</source>
        <translation>模型 (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {what}…</source>
        <translation>正在导入 {what}…</translation>
    </message>
    <message>
        <source>Imported model {name} ({arch} ×{s}, {f})</source>
        <translation>已导入模型 {name}（{arch} ×{s}，{f}）</translation>
    </message>
    <message>
        <source>Not imported: {m}</source>
        <translation>未导入：{m}</translation>
    </message>
    <message>
        <source>Import model</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>Renamed model {old} to {new}</source>
        <translation>已将模型 {old} 重命名为 {new}</translation>
    </message>
    <message>
        <source>Removed model {name}</source>
        <translation>已移除模型 {name}</translation>
    </message>
    <message>
        <source>Trained model added: {p}</source>
        <translation>已添加训练好的模型：{p}</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Drop images, videos or folders here
(or File ▸ Open, Ctrl+O)</source>
        <translation>将图像、视频或文件夹拖放到此处
（或 文件 ▸ 打开，Ctrl+O）</translation>
    </message>
    <message>
        <source>The result appears here</source>
        <translation>结果将显示在这里</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>Split wipe</source>
        <translation>分屏滑块</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Fit to window (F, Ctrl+0)</source>
        <translation>适应窗口（F，Ctrl+0）</translation>
    </message>
    <message>
        <source>Actual pixels (1)</source>
        <translation>实际像素（1）</translation>
    </message>
    <message>
        <source>Left:</source>
        <translation>左：</translation>
    </message>
    <message>
        <source>Right:</source>
        <translation>右：</translation>
    </message>
</context>
<context>
    <name>CrashBox</name>
    <message>
        <source>SR Studio met an unexpected error ({what}). The details are in {path}; please attach that file to a bug report.</source>
        <translation>SR Studio 遇到意外错误（{what}）。详细信息在 {path} 中；请将该文件附在错误报告中。</translation>
    </message>
</context>
<context>
    <name>HeatLegend</name>
    <message>
        <source>{n:.0f}+ levels</source>
        <translation>{n:.0f}+ 级</translation>
    </message>
    <message>
        <source>|model - ground truth| on luma, in 8-bit levels: black is exact, pale yellow {n:.0f} levels or more</source>
        <translation>亮度上的 |模型 − 参考|，以 8 位灰阶计：黑色表示完全一致，浅黄色表示 {n:.0f} 级或以上</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The language changes when SR Studio starts again.</source>
        <translation>语言将在下次启动 SR Studio 时更改。</translation>
    </message>
</context>
<context>
    <name>LeanBuild</name>
    <message>
        <source>Training needs PyTorch, which this build leaves out: use {full}, the full build.</source>
        <translation>训练需要 PyTorch，而此版本未包含它：请使用完整版 {full}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{q} queued · {r} running · {d} done · {e} failed</source>
        <translation>排队 {q} · 运行 {r} · 完成 {d} · 失败 {e}</translation>
    </message>
    <message>
        <source>Drop images, videos or folders to start</source>
        <translation>拖放图像、视频或文件夹即可开始</translation>
    </message>
    <message>
        <source>Training {n} for {s} steps → {o}</source>
        <translation>正在训练 {n}，共 {s} 步 → {o}</translation>
    </message>
    <message>
        <source>Training failed: {m}</source>
        <translation>训练失败：{m}</translation>
    </message>
    <message>
        <source>Quit SR Studio</source>
        <translation>退出 SR Studio</translation>
    </message>
    <message>
        <source>{n} job(s) are running. Stop them and quit? Unfinished outputs are not kept.</source>
        <translation>有 {n} 个任务正在运行。要停止并退出吗？未完成的输出不会保留。</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>停止并退出</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <source>Stopping the running jobs…</source>
        <translation>正在停止运行中的任务…</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <source>Ground-truth HR image (optional)</source>
        <translation>参考 HR 图像（可选）</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>PSNR/SSIM of the selected output and of bicubic against the reference</source>
        <translation>所选输出与双三次插值相对参考图像的 PSNR/SSIM</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考图像</translation>
    </message>
    <message>
        <source>No reference? The selected image is taken as ground truth, shrunk ×s with bicubic and upscaled back by each model: the same protocol as &apos;srstudio eval&apos;.</source>
        <translation>没有参考图像？将所选图像视为参考，用双三次插值缩小 ×s，再由各模型放大回来：与 “srstudio eval” 相同的评测流程。</translation>
    </message>
    <message>
        <source>Run self-check</source>
        <translation>运行自评估</translation>
    </message>
    <message>
        <source>Scores appear here as a bar chart.</source>
        <translation>分数将以柱状图显示在这里。</translation>
    </message>
    <message>
        <source>Show difference heat map of</source>
        <translation>显示差异热力图：</translation>
    </message>
    <message>
        <source>Self-check</source>
        <translation>自评估</translation>
    </message>
    <message>
        <source>bicubic (always)</source>
        <translation>双三次（始终）</translation>
    </message>
    <message>
        <source>No reference: the image is shrunk ×{s} and upscaled back by each model.</source>
        <translation>无参考图像：图像缩小 ×{s} 后由各模型放大回来。</translation>
    </message>
    <message>
        <source>No reference? The selected image is taken as ground truth, shrunk ×{s} with bicubic and upscaled back by each model: the same protocol as &apos;srstudio eval&apos;.</source>
        <translation>没有参考图像？将所选图像视为参考，用双三次插值缩小 ×{s}，再由各模型放大回来：与 “srstudio eval” 相同的评测流程。</translation>
    </message>
    <message>
        <source>Reference image</source>
        <translation>参考图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>双三次</translation>
    </message>
    <message>
        <source>image itself</source>
        <translation>图像本身</translation>
    </message>
</context>
<context>
    <name>ModelCombo</name>
    <message>
        <source>MATLAB imresize, the SR baseline</source>
        <translation>MATLAB imresize，超分辨率基准</translation>
    </message>
    <message>
        <source>bilinear</source>
        <translation>双线性</translation>
    </message>
    <message>
        <source>pixel replication</source>
        <translation>像素复制</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Chosen per input for the chosen scale: the photo model for JPEG-compressed or noisy pictures and for videos, else quality (or fast where it scores as well); the log says which and why</source>
        <translation>按所选倍率为每个输入选择：JPEG 压缩或有噪点的图片以及视频用照片模型，否则用高质量模型（分数相同时用快速模型）；日志会说明选了哪个及原因</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>高质量</translation>
    </message>
    <message>
        <source>The quality model for the chosen scale (sharper, slower)</source>
        <translation>所选倍率的高质量模型（更清晰，更慢）</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <source>The fast model for the chosen scale</source>
        <translation>所选倍率的快速模型</translation>
    </message>
    <message>
        <source>none at ×{s}</source>
        <translation>无 ×{s} 模型</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>倍率</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>运行环境</translation>
    </message>
    <message>
        <source>SHA-256 (first 16 hex)</source>
        <translation>SHA-256（前 16 位十六进制）</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The shipped models and the ones you imported or trained. Drop model files (.pth, .safetensors, .onnx, .param/.bin) or an Upscayl models folder here or on the main window to add them.</source>
        <translation>内置模型以及您导入或训练的模型。将模型文件（.pth、.safetensors、.onnx、.param/.bin）或 Upscayl 模型文件夹拖放到此处或主窗口即可添加。</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reading the model library…</source>
        <translation>正在读取模型库…</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>{n} models: {s} shipped, {u} yours</source>
        <translation>{n} 个模型：内置 {s} 个，您的 {u} 个</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Shipped models cannot be renamed or removed</source>
        <translation>内置模型无法重命名或移除</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>重命名模型</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>{name} 的新名称：</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Renaming {name}…</source>
        <translation>正在重命名 {name}…</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>移除模型</translation>
    </message>
    <message>
        <source>Remove {name}? Its file is deleted from your model folder:
{path}</source>
        <translation>要移除 {name} 吗？其文件将从您的模型文件夹中删除：
{path}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Removing {name}…</source>
        <translation>正在移除 {name}…</translation>
    </message>
    <message>
        <source>Not changed: {m}</source>
        <translation>未更改：{m}</translation>
    </message>
    <message>
        <source>Not imported: {m}</source>
        <translation>未导入：{m}</translation>
    </message>
    <message>
        <source>{n} file(s) that are not models were left out: pictures and videos go on the main window</source>
        <translation>已忽略 {n} 个非模型文件：图片和视频请拖放到主窗口</translation>
    </message>
</context>
<context>
    <name>QueueController</name>
    <message numerus="yes">
        <source>%n image</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n video</source>
        <translation>
            <numerusform>%n 个视频</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n videos</source>
        <translation>
            <numerusform>%n 个视频</numerusform>
        </translation>
    </message>
    <message>
        <source>{images} and {videos}</source>
        <translation>{images}和 {videos}</translation>
    </message>
    <message>
        <source>Queued {what}</source>
        <translation>已加入队列：{what}</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled (%n job)</source>
        <translation>
            <numerusform>已取消（%n 个任务）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled (%n jobs)</source>
        <translation>
            <numerusform>已取消（%n 个任务）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>完成 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>失败 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>取消 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>跳过 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>separator of a list</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>Finished: {parts}</source>
        <translation>结束：{parts}</translation>
    </message>
    <message>
        <source>Open images or videos</source>
        <translation>打开图像或视频</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Output exists</source>
        <translation>输出已存在</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}.</source>
        <translation>{name} 已存在于 {folder}。</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Do this for every existing file</source>
        <translation>对所有已存在的文件执行此操作</translation>
    </message>
    <message>
        <source>Nothing queued: drop or open images or videos first</source>
        <translation>队列为空：请先拖放或打开图像或视频</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>无法开始</translation>
    </message>
    <message>
        <source>Type the server&apos;s address under Run on, or choose This computer</source>
        <translation>请在“运行位置”中输入服务器地址，或选择“本机”</translation>
    </message>
    <message>
        <source>output exists</source>
        <translation>输出已存在</translation>
    </message>
    <message>
        <source>Long video</source>
        <translation>长视频</translation>
    </message>
    <message>
        <source>{text}. Start it?</source>
        <translation>{text}。要开始吗？</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{name} → {out} ({n} frames, {fps}, {sec:.1f} s, {enc})</source>
        <translation>{name} → {out}（{n} 帧，{fps}，{sec:.1f} 秒，{enc}）</translation>
    </message>
    <message>
        <source>; resumed after frame {f}</source>
        <translation>；从第 {f} 帧之后继续</translation>
    </message>
    <message>
        <source>; colorized</source>
        <translation>；已上色</translation>
    </message>
    <message>
        <source>{name} → {out} ({sec:.1f} s, tile {tile})</source>
        <translation>{name} → {out}（{sec:.1f} 秒，图块 {tile}）</translation>
    </message>
    <message>
        <source>{name}: cancelled; finished parts are kept, run it again to resume</source>
        <translation>{name}：已取消；已完成的部分会保留，再次运行即可继续</translation>
    </message>
    <message>
        <source>{name}: cancelled</source>
        <translation>{name}：已取消</translation>
    </message>
    <message>
        <source>Upscaling failed</source>
        <translation>放大失败</translation>
    </message>
    <message>
        <source>stopped unexpectedly</source>
        <translation>意外停止</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Finished parts are kept: run it again with the same settings to continue where it stopped</source>
        <translation>已完成的部分会保留：用相同设置再次运行，即可从中断处继续</translation>
    </message>
    <message>
        <source>{w}×{h} · {n} frames</source>
        <translation>{w}×{h} · {n} 帧</translation>
    </message>
    <message>
        <source>{label} — can resume</source>
        <translation>{label} — 可继续</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Run again with current settings</source>
        <translation>使用当前设置重新运行</translation>
    </message>
    <message>
        <source>Remove from queue</source>
        <translation>从队列中移除</translation>
    </message>
    <message>
        <source>Show output folder</source>
        <translation>显示输出文件夹</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
</context>
<context>
    <name>RemoteUpscaleWorker</name>
    <message>
        <source>no server address: type it under Run on</source>
        <translation>没有服务器地址：请在“运行位置”中输入</translation>
    </message>
    <message>
        <source>Running the queue on the server {s}</source>
        <translation>正在服务器 {s} 上运行队列</translation>
    </message>
    <message>
        <source>the server {s} has no model {m!r}: install it there, or Run on: This computer</source>
        <translation>服务器 {s} 上没有模型 {m!r}：请在服务器上安装，或选择“运行位置：本机”</translation>
    </message>
    <message>
        <source>Upscaling {name} on {server} with {model} (×{scale})</source>
        <translation>正在 {server} 上用 {model} 放大 {name}（×{scale}）</translation>
    </message>
    <message>
        <source>the server&apos;s</source>
        <translation>服务器端</translation>
    </message>
</context>
<context>
    <name>RunOnPanel</name>
    <message>
        <source>Run on</source>
        <translation>运行位置</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>A server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>if the server has one</source>
        <translation>如果服务器设置了令牌</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
</context>
<context>
    <name>SelftestDialog</name>
    <message>
        <source>Self-test</source>
        <translation>自检</translation>
    </message>
    <message>
        <source>Checks this installation: every shipped model on every backend and device found, each image format, and a short video with audio.</source>
        <translation>检查此安装：在找到的每个后端和设备上运行每个内置模型，并检查每种图像格式和一段带音频的短视频。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Image format</source>
        <translation>图像格式</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Running… checks done: {n}</source>
        <translation>运行中… 已完成检查：{n}</translation>
    </message>
    <message>
        <source>Self-test failed: {f} of {t} checks failed.</source>
        <translation>自检失败：{t} 项检查中有 {f} 项失败。</translation>
    </message>
    <message>
        <source>Self-test passed: {p} of {t} checks succeeded.</source>
        <translation>自检通过：{t} 项检查中 {p} 项成功。</translation>
    </message>
    <message>
        <source>The self-test stopped: {m}</source>
        <translation>自检已中止：{m}</translation>
    </message>
</context>
<context>
    <name>ServerCheckWorker</name>
    <message>
        <source>Type the server&apos;s address, e.g. http://192.168.1.20:8765</source>
        <translation>请输入服务器地址，例如 http://192.168.1.20:8765</translation>
    </message>
    <message>
        <source>Connected: SR Studio {v} on {dev}, {n} models</source>
        <translation>已连接：SR Studio {v}，设备 {dev}，{n} 个模型</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>PyTorch: CUDA, Apple MPS or CPU, any precision. ONNX Runtime: DirectML (Windows GPUs of any make), CUDA, CoreML or CPU, fp32. The model is converted on its first run and kept. Auto: whichever of the two ran faster when timed once on this computer (the log says which ran).</source>
        <translation>PyTorch：CUDA、Apple MPS 或 CPU，支持所有精度。ONNX Runtime：DirectML（任何品牌的 Windows GPU）、CUDA、CoreML 或 CPU，仅 fp32。模型在首次运行时转换并保留。自动：在本机计时一次，两者中较快的那个（日志会显示实际使用的后端）。</translation>
    </message>
    <message>
        <source>ONNX Runtime runs fp32</source>
        <translation>ONNX Runtime 以 fp32 运行</translation>
    </message>
    <message>
        <source>Same as input</source>
        <translation>与输入相同</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Gray inputs, before upscaling</source>
        <translation>灰度输入，放大前</translation>
    </message>
    <message>
        <source>Gray inputs, after upscaling</source>
        <translation>灰度输入，放大后</translation>
    </message>
    <message>
        <source>Upscale each image in its 8 flips and rotations and average the results: a little sharper (about +0.1 to +0.2 dB PSNR), 8 times slower.</source>
        <translation>对每张图像的 8 种翻转和旋转分别放大并取平均：略微更清晰（PSNR 约 +0.1 至 +0.2 dB），速度慢 8 倍。</translation>
    </message>
    <message>
        <source>Colour black-and-white images and videos with the colorize model (Zhang et al. colorization), before or after upscaling. Colour inputs are left as they are.</source>
        <translation>用上色模型（Zhang 等人的着色方法）为黑白图像和视频上色，可在放大之前或之后进行。彩色输入保持不变。</translation>
    </message>
    <message>
        <source>no colorize model installed</source>
        <translation>未安装上色模型</translation>
    </message>
    <message>
        <source>How much of the colorizer&apos;s predicted colour to use: 0 % keeps the image gray, 100 % takes the prediction as it is. The colorizer can be badly wrong (red clouds, a yellow sky), so it starts low.</source>
        <translation>使用上色模型预测颜色的程度：0 % 保持灰度，100 % 完全采用预测结果。上色可能严重出错（红色的云、黄色的天空），因此默认值较低。</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import a .safetensors model</source>
        <translation>导入 .safetensors 模型</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Tile size in input pixels; Auto fits free memory</source>
        <translation>图块大小（输入像素）；自动将根据可用内存调整</translation>
    </message>
    <message>
        <source>×8 self-ensemble</source>
        <translation>×8 自集成</translation>
    </message>
    <message>
        <source> % colour</source>
        <translation> % 颜色</translation>
    </message>
    <message>
        <source>Beside each input</source>
        <translation>与各输入文件相同的位置</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>选择输出文件夹</translation>
    </message>
    <message>
        <source> quality</source>
        <translation> 质量</translation>
    </message>
    <message>
        <source>Fields: {stem}, {scale}, {model}. With colorize on, the default name ends in _color.</source>
        <translation>字段：{stem}、{scale}、{model}。开启上色时，默认文件名以 _color 结尾。</translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>倍率</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>图块</translation>
    </message>
    <message>
        <source>Passes</source>
        <translation>遍数</translation>
    </message>
    <message>
        <source>Colorize</source>
        <translation>上色</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>Loading the model list…</source>
        <translation>正在加载模型列表…</translation>
    </message>
    <message>
        <source>Upscale every queued file (Ctrl+Return)</source>
        <translation>放大队列中的所有文件（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Auto ({b})</source>
        <translation>自动（{b}）</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
</context>
<context>
    <name>TrainCurves</name>
    <message>
        <source>Loss and validation curves appear here.</source>
        <translation>损失曲线和验证曲线将显示在这里。</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>双三次</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Ground truth</source>
        <translation>参考</translation>
    </message>
    <message>
        <source>Validation sample</source>
        <translation>验证样本</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>validation PSNR-Y</source>
        <translation>验证 PSNR-Y</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>bicubic</source>
        <translation>双三次</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <source>MSE on luma (Y) + 0.1 RGB</source>
        <translation>亮度 (Y) MSE + 0.1 RGB</translation>
    </message>
    <message>
        <source>Clean downscales (bicubic)</source>
        <translation>干净的缩小（双三次）</translation>
    </message>
    <message>
        <source>Camera photos (soft, slight noise, JPEG 70-90)</source>
        <translation>相机照片（略柔、轻微噪点，JPEG 70-90）</translation>
    </message>
    <message>
        <source>Real-world photos (blur, noise, resizing, JPEG twice)</source>
        <translation>真实照片（模糊、噪点、缩放、两次 JPEG）</translation>
    </message>
    <message>
        <source>Training run</source>
        <translation>训练任务</translation>
    </message>
    <message>
        <source>Folder of high-resolution images</source>
        <translation>高分辨率图像文件夹</translation>
    </message>
    <message>
        <source>Optional: paired LR images (same names)</source>
        <translation>可选：配对的 LR 图像（同名）</translation>
    </message>
    <message>
        <source>Optional: default = 2 training images</source>
        <translation>可选：默认使用 2 张训练图像</translation>
    </message>
    <message>
        <source>Name of the new model (automatic)</source>
        <translation>新模型名称（自动）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Stop the run (validate and export the model) after this much training time, even before the last step; the learning rate then anneals to fit the time. 0 = no limit.</source>
        <translation>训练达到此时长后停止（验证并导出模型），即使尚未到最后一步；学习率会按时长退火。0 = 不限。</translation>
    </message>
    <message>
        <source>How the low-resolution training inputs are made from your pictures: pick &apos;Real-world photos&apos; to fine-tune a model for JPEGs, scans and phone photos (ignored when an LR folder is given).</source>
        <translation>如何由您的图片生成低分辨率训练输入：选择“真实照片”可针对 JPEG、扫描件和手机照片微调模型（指定了 LR 文件夹时忽略）。</translation>
    </message>
    <message>
        <source>HR folder</source>
        <translation>HR 文件夹</translation>
    </message>
    <message>
        <source>LR folder</source>
        <translation>LR 文件夹</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Validation folder</source>
        <translation>验证文件夹</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>倍率</translation>
    </message>
    <message>
        <source>LR inputs</source>
        <translation>LR 输入</translation>
    </message>
    <message>
        <source>Patch (HR px)</source>
        <translation>训练块（HR 像素）</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时间限制</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>验证间隔</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>New {arch} (from scratch)</source>
        <translation>新建 {arch}（从头训练）</translation>
    </message>
    <message>
        <source>Fine-tune {name} (×{scale})</source>
        <translation>微调 {name}（×{scale}）</translation>
    </message>
</context>
<context>
    <name>TrainerTab</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Save the trained model as a .safetensors file (SR Studio) or an .onnx file (other tools)</source>
        <translation>将训练好的模型保存为 .safetensors 文件（SR Studio）或 .onnx 文件（其他工具）</translation>
    </message>
    <message>
        <source>Add to model list</source>
        <translation>添加到模型列表</translation>
    </message>
    <message>
        <source>Use the stopped run&apos;s best weights as a model</source>
        <translation>将已停止训练的最佳权重用作模型</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Choose an HR folder first.</source>
        <translation>请先选择 HR 文件夹。</translation>
    </message>
    <message>
        <source>Preparing data…</source>
        <translation>正在准备数据…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>训练中…</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>将在此步之后停止…</translation>
    </message>
    <message>
        <source>Training {detail}</source>
        <translation>训练 {detail}</translation>
    </message>
    <message>
        <source>Step {s} / {t}</source>
        <translation>第 {s} / {t} 步</translation>
    </message>
    <message>
        <source>time limit {m}</source>
        <translation>时间限制 {m}</translation>
    </message>
    <message>
        <source>Stopped at step {s}; the checkpoint is in {d}</source>
        <translation>已在第 {s} 步停止；检查点位于 {d}</translation>
    </message>
    <message>
        <source>Stopped at step {s} of {t}. Its weights are in {d}; &apos;Add to model list&apos; makes it a model.</source>
        <translation>已在第 {s} / {t} 步停止。权重位于 {d}；点击“添加到模型列表”即可将其作为模型。</translation>
    </message>
    <message>
        <source>Training finished but import failed: {e}</source>
        <translation>训练已完成，但导入失败：{e}</translation>
    </message>
    <message>
        <source>Done: {name} (best validation PSNR-Y {best}) is now in the model list.</source>
        <translation>完成：{name}（最佳验证 PSNR-Y {best}）已加入模型列表。</translation>
    </message>
    <message>
        <source>Time limit reached at step {s} of {t}.</source>
        <translation>在第 {s} / {t} 步达到时间限制。</translation>
    </message>
    <message>
        <source>Training failed: {m}</source>
        <translation>训练失败：{m}</translation>
    </message>
    <message>
        <source>ONNX model, RGB in and out (*.onnx)</source>
        <translation>ONNX 模型，RGB 输入输出 (*.onnx)</translation>
    </message>
    <message>
        <source>Save model as</source>
        <translation>模型另存为</translation>
    </message>
    <message>
        <source>SR Studio model (*.safetensors)</source>
        <translation>SR Studio 模型 (*.safetensors)</translation>
    </message>
    <message>
        <source>Exporting {name} to ONNX…</source>
        <translation>正在将 {name} 导出为 ONNX…</translation>
    </message>
    <message>
        <source>Saved {path} (ONNX: float32 RGB in and out)</source>
        <translation>已保存 {path}（ONNX：float32 RGB 输入输出）</translation>
    </message>
    <message>
        <source>ONNX export failed: {m}</source>
        <translation>ONNX 导出失败：{m}</translation>
    </message>
</context>
<context>
    <name>UpscaleWorker</name>
    <message>
        <source>colorize: {e}</source>
        <translation>上色：{e}</translation>
    </message>
    <message>
        <source>Upscaling {name} with {model} (×{scale}{where})</source>
        <translation>正在用 {model} 放大 {name}（×{scale}{where}）</translation>
    </message>
    <message>
        <source>No live preview for {name}: its {w}×{h} output would need {gib:.1f} GiB more memory. The result shows when it is written.</source>
        <translation>{name} 无实时预览：其 {w}×{h} 的输出还需 {gib:.1f} GiB 内存。结果将在写入后显示。</translation>
    </message>
    <message>
        <source>Upscaling video {name} with {model} (×{scale})</source>
        <translation>正在用 {model} 放大视频 {name}（×{scale}）</translation>
    </message>
</context>
<context>
    <name>VideoSettings</name>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>CRF</source>
        <translation>CRF</translation>
    </message>
    <message>
        <source>Bitrate</source>
        <translation>码率</translation>
    </message>
    <message>
        <source>Constant quality (CRF) or a target bitrate</source>
        <translation>恒定质量（CRF）或目标码率</translation>
    </message>
    <message>
        <source>Constant quality: lower is better (x264: 18 is visually lossless, 23 the default)</source>
        <translation>恒定质量：数值越低越好（x264：18 为视觉无损，默认 23）</translation>
    </message>
    <message>
        <source>Target bitrate, e.g. 8M or 2500k</source>
        <translation>目标码率，例如 8M 或 2500k</translation>
    </message>
    <message>
        <source>Encoder speed: slower presets make smaller files</source>
        <translation>编码速度：越慢的预设生成的文件越小</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>编码器</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Videos are written as {name}</source>
        <translation>视频将写为 {name}</translation>
    </message>
</context>
<context>
    <name>ViewerController</name>
    <message>
        <source>Input · smooth</source>
        <translation>输入 · 平滑</translation>
    </message>
    <message>
        <source>Input · nearest</source>
        <translation>输入 · 最近邻</translation>
    </message>
    <message>
        <source>Live · {m}</source>
        <translation>实时 · {m}</translation>
    </message>
    <message>
        <source>Heat map · {m}</source>
        <translation>热力图 · {m}</translation>
    </message>
    <message>
        <source>Select an image in the queue first.</source>
        <translation>请先在队列中选择一张图像。</translation>
    </message>
    <message>
        <source>The self-check works on images, not videos.</source>
        <translation>自评估仅适用于图像，不适用于视频。</translation>
    </message>
    <message>
        <source>{d}/{t}: {n}</source>
        <translation>{d}/{t}：{n}</translation>
    </message>
    <message>
        <source>Self-check ×{s}: </source>
        <translation>自评估 ×{s}：</translation>
    </message>
    <message>
        <source> (best: {b})</source>
        <translation>（最佳：{b}）</translation>
    </message>
    <message>
        <source>PSNR/SSIM</source>
        <translation>PSNR/SSIM</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Select a finished item first.</source>
        <translation>请先选择一个已完成的项目。</translation>
    </message>
    <message>
        <source>Reference scores work on images, not videos.</source>
        <translation>参考评分仅适用于图像，不适用于视频。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>win</name>
    <message>
        <source>Upscale</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
</context>
</TS>
