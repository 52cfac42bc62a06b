<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name></name>
    <message>
        <source>open images</source>
        <translation>画像を開く</translation>
    </message>
    <message>
        <source>open a folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <source>start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>cancel the selected jobs</source>
        <translation>選択したジョブをキャンセル</translation>
    </message>
    <message>
        <source>fit</source>
        <translation>ウィンドウに合わせる</translation>
    </message>
    <message>
        <source>split wipe on/off</source>
        <translation>分割スライダーのオン/オフ</translation>
    </message>
    <message>
        <source>log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>import model</source>
        <translation>モデルをインポート</translation>
    </message>
    <message>
        <source>manage models</source>
        <translation>モデルを管理</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>wheel / drag</source>
        <translation>ホイール / ドラッグ</translation>
    </message>
    <message>
        <source>zoom to cursor / pan</source>
        <translation>カーソル位置にズーム / 移動</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>&amp;Open images or videos…</source>
        <translation>画像または動画を開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>フォルダーを開く(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Import model…</source>
        <translation>モデルをインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>Import model files (.pth, .safetensors, .onnx, .param/.bin…); dropping them on the window does too</source>
        <translation>モデルファイル (.pth、.safetensors、.onnx、.param/.bin…) をインポートします。ウィンドウにドロップしても追加できます</translation>
    </message>
    <message>
        <source>&amp;Manage models…</source>
        <translation>モデルを管理(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <source>Upscale every queued file (Ctrl+Return)</source>
        <translation>キューのすべてのファイルをアップスケール (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel &amp;selected</source>
        <translation>選択項目をキャンセル(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Cancel all</source>
        <translation>すべてキャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Remove finished</source>
        <translation>完了した項目を削除(&amp;R)</translation>
    </message>
    <message>
        <source>Start &amp;automatically on drop</source>
        <translation>ドロップしたら自動で開始(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>ウィンドウに合わせる(&amp;F)</translation>
    </message>
    <message>
        <source>Split &amp;wipe</source>
        <translation>分割スライダー(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;About SR Studio</source>
        <translation>SR Studio について(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Self-test…</source>
        <translation>セルフテスト(&amp;S)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>キュー(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>モデル(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>テーマ(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <source>Device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>not probed yet</source>
        <translation>未検出</translation>
    </message>
    <message>
        <source>Single-image and video super-resolution, with a built-in trainer.</source>
        <translation>画像と動画の超解像。学習機能を内蔵。</translation>
    </message>
    <message>
        <source>About SR Studio</source>
        <translation>SR Studio について</translation>
    </message>
</context>
<context>
    <name>CatalogController</name>
    <message>
        <source>Device: {d}</source>
        <translation>デバイス: {d}</translation>
    </message>
    <message>
        <source>{n} models ({s} shipped), devices: {d}</source>
        <translation>モデル {n} 個 (同梱 {s} 個)、デバイス: {d}</translation>
    </message>
    <message>
        <source>Import models</source>
        <translation>モデルをインポート</translation>
    </message>
    <message>
        <source>Models (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;All files (*)</source>
        <translation>モデル (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Importing {what}…</source>
        <translation>{what} をインポート中…</translation>
    </message>
    <message>
        <source>Imported model {name} ({arch} ×{s}, {f})</source>
        <translation>モデル {name} をインポートしました ({arch} ×{s}、{f})</translation>
    </message>
    <message>
        <source>Not imported: {m}</source>
        <translation>インポートされませんでした: {m}</translation>
    </message>
    <message>
        <source>Import model</source>
        <translation>モデルをインポート</translation>
    </message>
    <message>
        <source>Renamed model {old} to {new}</source>
        <translation>モデル {old} の名前を {new} に変更しました</translation>
    </message>
    <message>
        <source>Removed model {name}</source>
        <translation>モデル {name} を削除しました</translation>
    </message>
    <message>
        <source>Trained model added: {p}</source>
        <translation>学習済みモデルを追加しました: {p}</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Drop images, videos or folders here
(or File ▸ Open, Ctrl+O)</source>
        <translation>画像・動画・フォルダーをここにドロップ
(または ファイル ▸ 開く、Ctrl+O)</translation>
    </message>
    <message>
        <source>The result appears here</source>
        <translation>ここに結果が表示されます</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>左右に並べる</translation>
    </message>
    <message>
        <source>Split wipe</source>
        <translation>分割スライダー</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Fit to window (F, Ctrl+0)</source>
        <translation>ウィンドウに合わせる (F、Ctrl+0)</translation>
    </message>
    <message>
        <source>Actual pixels (1)</source>
        <translation>実寸表示 (1)</translation>
    </message>
    <message>
        <source>Left:</source>
        <translation>左:</translation>
    </message>
    <message>
        <source>Right:</source>
        <translation>右:</translation>
    </message>
</context>
<context>
    <name>CrashBox</name>
    <message>
        <source>SR Studio met an unexpected error ({what}). The details are in {path}; please attach that file to a bug report.</source>
        <translation>SR Studio で予期しないエラーが発生しました ({what})。詳細は {path} にあります。バグ報告にこのファイルを添付してください。</translation>
    </message>
</context>
<context>
    <name>HeatLegend</name>
    <message>
        <source>{n:.0f}+ levels</source>
        <translation>{n:.0f}+ 階調</translation>
    </message>
    <message>
        <source>|model - ground truth| on luma, in 8-bit levels: black is exact, pale yellow {n:.0f} levels or more</source>
        <translation>輝度の |モデル − 正解|、8 ビット階調: 黒は一致、淡い黄色は {n:.0f} 階調以上</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <source>The language changes when SR Studio starts again.</source>
        <translation>言語は SR Studio の次回起動時に切り替わります。</translation>
    </message>
</context>
<context>
    <name>LeanBuild</name>
    <message>
        <source>Training needs PyTorch, which this build leaves out: use {full}, the full build.</source>
        <translation>学習には PyTorch が必要ですが、このビルドには含まれていません。完全版の {full} をお使いください。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{q} queued · {r} running · {d} done · {e} failed</source>
        <translation>待機 {q} · 実行中 {r} · 完了 {d} · 失敗 {e}</translation>
    </message>
    <message>
        <source>Drop images, videos or folders to start</source>
        <translation>画像・動画・フォルダーをドロップして開始</translation>
    </message>
    <message>
        <source>Training {n} for {s} steps → {o}</source>
        <translation>{n} を {s} ステップ学習 → {o}</translation>
    </message>
    <message>
        <source>Training failed: {m}</source>
        <translation>学習に失敗しました: {m}</translation>
    </message>
    <message>
        <source>Quit SR Studio</source>
        <translation>SR Studio を終了</translation>
    </message>
    <message>
        <source>{n} job(s) are running. Stop them and quit? Unfinished outputs are not kept.</source>
        <translation>実行中のジョブ: {n} 件。停止して終了しますか? 未完成の出力は保存されません。</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>停止して終了</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>実行を続ける</translation>
    </message>
    <message>
        <source>Stopping the running jobs…</source>
        <translation>実行中のジョブを停止しています…</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <source>Ground-truth HR image (optional)</source>
        <translation>正解の HR 画像 (任意)</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>PSNR/SSIM of the selected output and of bicubic against the reference</source>
        <translation>選択した出力とバイキュービックの、参照画像に対する PSNR/SSIM</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参照画像</translation>
    </message>
    <message>
        <source>No reference? The selected image is taken as ground truth, shrunk ×s with bicubic and upscaled back by each model: the same protocol as &apos;srstudio eval&apos;.</source>
        <translation>参照画像がない場合は、選択した画像を正解とし、バイキュービックで 1/s に縮小してから各モデルで拡大し直します。「srstudio eval」と同じ手順です。</translation>
    </message>
    <message>
        <source>Run self-check</source>
        <translation>セルフチェックを実行</translation>
    </message>
    <message>
        <source>Scores appear here as a bar chart.</source>
        <translation>スコアはここに棒グラフで表示されます。</translation>
    </message>
    <message>
        <source>Show difference heat map of</source>
        <translation>差分ヒートマップを表示:</translation>
    </message>
    <message>
        <source>Self-check</source>
        <translation>セルフチェック</translation>
    </message>
    <message>
        <source>bicubic (always)</source>
        <translation>バイキュービック (常に)</translation>
    </message>
    <message>
        <source>No reference: the image is shrunk ×{s} and upscaled back by each model.</source>
        <translation>参照画像なし: 画像を 1/{s} に縮小し、各モデルで拡大し直します。</translation>
    </message>
    <message>
        <source>No reference? The selected image is taken as ground truth, shrunk ×{s} with bicubic and upscaled back by each model: the same protocol as &apos;srstudio eval&apos;.</source>
        <translation>参照画像がない場合は、選択した画像を正解とし、バイキュービックで 1/{s} に縮小してから各モデルで拡大し直します。「srstudio eval」と同じ手順です。</translation>
    </message>
    <message>
        <source>Reference image</source>
        <translation>参照画像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</source>
        <translation>画像 (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>バイキュービック</translation>
    </message>
    <message>
        <source>image itself</source>
        <translation>画像そのもの</translation>
    </message>
</context>
<context>
    <name>ModelCombo</name>
    <message>
        <source>MATLAB imresize, the SR baseline</source>
        <translation>MATLAB の imresize (超解像の基準)</translation>
    </message>
    <message>
        <source>bilinear</source>
        <translation>バイリニア</translation>
    </message>
    <message>
        <source>pixel replication</source>
        <translation>ピクセル複製</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Chosen per input for the chosen scale: the photo model for JPEG-compressed or noisy pictures and for videos, else quality (or fast where it scores as well); the log says which and why</source>
        <translation>選んだ倍率で入力ごとに選択: JPEG 圧縮やノイズのある画像と動画には写真モデル、それ以外は高画質 (同等のスコアなら高速)。どれをなぜ選んだかはログに表示</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>高画質</translation>
    </message>
    <message>
        <source>The quality model for the chosen scale (sharper, slower)</source>
        <translation>選んだ倍率の高画質モデル (よりシャープ、低速)</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>高速</translation>
    </message>
    <message>
        <source>The fast model for the chosen scale</source>
        <translation>選んだ倍率の高速モデル</translation>
    </message>
    <message>
        <source>none at ×{s}</source>
        <translation>×{s} 用なし</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>入手元</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>アーキテクチャ</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>倍率</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメーター数</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>実行環境</translation>
    </message>
    <message>
        <source>SHA-256 (first 16 hex)</source>
        <translation>SHA-256 (先頭 16 桁)</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>The shipped models and the ones you imported or trained. Drop model files (.pth, .safetensors, .onnx, .param/.bin) or an Upscayl models folder here or on the main window to add them.</source>
        <translation>同梱のモデルと、インポートまたは学習したモデルです。追加するには、モデルファイル (.pth、.safetensors、.onnx、.param/.bin) や Upscayl のモデルフォルダーを、ここかメインウィンドウにドロップします。</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>インポート(&amp;I)…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>名前を変更(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Reading the model library…</source>
        <translation>モデルライブラリを読み込み中…</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>同梱</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>インポート済み</translation>
    </message>
    <message>
        <source>{n} models: {s} shipped, {u} yours</source>
        <translation>モデル {n} 個: 同梱 {s} 個、ユーザー {u} 個</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Shipped models cannot be renamed or removed</source>
        <translation>同梱のモデルは名前の変更も削除もできません</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>モデル名の変更</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>{name} の新しい名前:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前を変更</translation>
    </message>
    <message>
        <source>Renaming {name}…</source>
        <translation>{name} の名前を変更中…</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>モデルの削除</translation>
    </message>
    <message>
        <source>Remove {name}? Its file is deleted from your model folder:
{path}</source>
        <translation>{name} を削除しますか? ファイルはモデルフォルダーから削除されます:
{path}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Removing {name}…</source>
        <translation>{name} を削除中…</translation>
    </message>
    <message>
        <source>Not changed: {m}</source>
        <translation>変更されませんでした: {m}</translation>
    </message>
    <message>
        <source>Not imported: {m}</source>
        <translation>インポートされませんでした: {m}</translation>
    </message>
    <message>
        <source>{n} file(s) that are not models were left out: pictures and videos go on the main window</source>
        <translation>モデルではないファイル {n} 個を除外しました。画像と動画はメインウィンドウにドロップしてください</translation>
    </message>
</context>
<context>
    <name>QueueController</name>
    <message numerus="yes">
        <source>%n image</source>
        <translation>
            <numerusform>画像 %n 枚</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images</source>
        <translation>
            <numerusform>画像 %n 枚</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n video</source>
        <translation>
            <numerusform>動画 %n 本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n videos</source>
        <translation>
            <numerusform>動画 %n 本</numerusform>
        </translation>
    </message>
    <message>
        <source>{images} and {videos}</source>
        <translation>{images}と{videos}</translation>
    </message>
    <message>
        <source>Queued {what}</source>
        <translation>キューに追加: {what}</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled (%n job)</source>
        <translation>
            <numerusform>キャンセルしました (ジョブ %n 件)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled (%n jobs)</source>
        <translation>
            <numerusform>キャンセルしました (ジョブ %n 件)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>完了 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>失敗 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>キャンセル %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>スキップ %n</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>separator of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Finished: {parts}</source>
        <translation>終了: {parts}</translation>
    </message>
    <message>
        <source>Open images or videos</source>
        <translation>画像または動画を開く</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <source>Output exists</source>
        <translation>出力ファイルが既にあります</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}.</source>
        <translation>{name} は {folder} に既に存在します。</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>上書き</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前を変更</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>Do this for every existing file</source>
        <translation>既存のすべてのファイルに適用</translation>
    </message>
    <message>
        <source>Nothing queued: drop or open images or videos first</source>
        <translation>キューが空です。先に画像や動画をドロップするか開いてください</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>開始できません</translation>
    </message>
    <message>
        <source>Type the server&apos;s address under Run on, or choose This computer</source>
        <translation>「実行場所」にサーバーのアドレスを入力するか、「このコンピューター」を選んでください</translation>
    </message>
    <message>
        <source>output exists</source>
        <translation>出力が既に存在</translation>
    </message>
    <message>
        <source>Long video</source>
        <translation>長い動画</translation>
    </message>
    <message>
        <source>{text}. Start it?</source>
        <translation>{text}。開始しますか?</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>今はしない</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>キャンセル中…</translation>
    </message>
    <message>
        <source>{name} → {out} ({n} frames, {fps}, {sec:.1f} s, {enc})</source>
        <translation>{name} → {out} ({n} フレーム、{fps}、{sec:.1f} 秒、{enc})</translation>
    </message>
    <message>
        <source>; resumed after frame {f}</source>
        <translation>; フレーム {f} から再開</translation>
    </message>
    <message>
        <source>; colorized</source>
        <translation>; カラー化済み</translation>
    </message>
    <message>
        <source>{name} → {out} ({sec:.1f} s, tile {tile})</source>
        <translation>{name} → {out} ({sec:.1f} 秒、タイル {tile})</translation>
    </message>
    <message>
        <source>{name}: cancelled; finished parts are kept, run it again to resume</source>
        <translation>{name}: キャンセルしました。完了した部分は保持されます。もう一度実行すると再開します</translation>
    </message>
    <message>
        <source>{name}: cancelled</source>
        <translation>{name}: キャンセルしました</translation>
    </message>
    <message>
        <source>Upscaling failed</source>
        <translation>アップスケールに失敗しました</translation>
    </message>
    <message>
        <source>stopped unexpectedly</source>
        <translation>予期せず停止しました</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Finished parts are kept: run it again with the same settings to continue where it stopped</source>
        <translation>完了した部分は保持されます。同じ設定でもう一度実行すると、止まったところから続行します</translation>
    </message>
    <message>
        <source>{w}×{h} · {n} frames</source>
        <translation>{w}×{h} · {n} フレーム</translation>
    </message>
    <message>
        <source>{label} — can resume</source>
        <translation>{label} — 再開可能</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Run again with current settings</source>
        <translation>現在の設定で再実行</translation>
    </message>
    <message>
        <source>Remove from queue</source>
        <translation>キューから削除</translation>
    </message>
    <message>
        <source>Show output folder</source>
        <translation>出力フォルダーを表示</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>Clear list</source>
        <translation>一覧を消去</translation>
    </message>
</context>
<context>
    <name>RemoteUpscaleWorker</name>
    <message>
        <source>no server address: type it under Run on</source>
        <translation>サーバーのアドレスがありません。「実行場所」に入力してください</translation>
    </message>
    <message>
        <source>Running the queue on the server {s}</source>
        <translation>キューをサーバー {s} で実行中</translation>
    </message>
    <message>
        <source>the server {s} has no model {m!r}: install it there, or Run on: This computer</source>
        <translation>サーバー {s} にモデル {m!r} がありません。サーバーにインストールするか、「実行場所: このコンピューター」を選んでください</translation>
    </message>
    <message>
        <source>Upscaling {name} on {server} with {model} (×{scale})</source>
        <translation>{name} を {server} 上で {model} によりアップスケール中 (×{scale})</translation>
    </message>
    <message>
        <source>the server&apos;s</source>
        <translation>サーバー側</translation>
    </message>
</context>
<context>
    <name>RunOnPanel</name>
    <message>
        <source>Run on</source>
        <translation>実行場所</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>このコンピューター</translation>
    </message>
    <message>
        <source>A server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>if the server has one</source>
        <translation>サーバーで設定されている場合</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>接続をテスト</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>トークン</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続中…</translation>
    </message>
</context>
<context>
    <name>SelftestDialog</name>
    <message>
        <source>Self-test</source>
        <translation>セルフテスト</translation>
    </message>
    <message>
        <source>Checks this installation: every shipped model on every backend and device found, each image format, and a short video with audio.</source>
        <translation>このインストールを検査します: 同梱の全モデルを、見つかったすべてのバックエンドとデバイスで実行し、各画像形式と音声付きの短い動画も確認します。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Image format</source>
        <translation>画像形式</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>動画</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Running… checks done: {n}</source>
        <translation>実行中… 完了した項目: {n}</translation>
    </message>
    <message>
        <source>Self-test failed: {f} of {t} checks failed.</source>
        <translation>セルフテスト失敗: {t} 項目中 {f} 項目が失敗しました。</translation>
    </message>
    <message>
        <source>Self-test passed: {p} of {t} checks succeeded.</source>
        <translation>セルフテスト合格: {t} 項目中 {p} 項目が成功しました。</translation>
    </message>
    <message>
        <source>The self-test stopped: {m}</source>
        <translation>セルフテストが中断しました: {m}</translation>
    </message>
</context>
<context>
    <name>ServerCheckWorker</name>
    <message>
        <source>Type the server&apos;s address, e.g. http://192.168.1.20:8765</source>
        <translation>サーバーのアドレスを入力してください (例: http://192.168.1.20:8765)</translation>
    </message>
    <message>
        <source>Connected: SR Studio {v} on {dev}, {n} models</source>
        <translation>接続しました: SR Studio {v} ({dev})、モデル {n} 個</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>PyTorch: CUDA, Apple MPS or CPU, any precision. ONNX Runtime: DirectML (Windows GPUs of any make), CUDA, CoreML or CPU, fp32. The model is converted on its first run and kept. Auto: whichever of the two ran faster when timed once on this computer (the log says which ran).</source>
        <translation>PyTorch: CUDA、Apple MPS、CPU。精度は任意。ONNX Runtime: DirectML (メーカーを問わず Windows の GPU)、CUDA、CoreML、CPU。fp32 のみ。モデルは初回実行時に変換され、保存されます。自動: このコンピューターで一度計測して速かった方 (どちらを使ったかはログに表示)。</translation>
    </message>
    <message>
        <source>ONNX Runtime runs fp32</source>
        <translation>ONNX Runtime は fp32 で動作します</translation>
    </message>
    <message>
        <source>Same as input</source>
        <translation>入力と同じ</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>Gray inputs, before upscaling</source>
        <translation>グレーの入力、アップスケール前</translation>
    </message>
    <message>
        <source>Gray inputs, after upscaling</source>
        <translation>グレーの入力、アップスケール後</translation>
    </message>
    <message>
        <source>Upscale each image in its 8 flips and rotations and average the results: a little sharper (about +0.1 to +0.2 dB PSNR), 8 times slower.</source>
        <translation>各画像を 8 通りの反転・回転でアップスケールし、結果を平均します。少しシャープになり (PSNR で約 +0.1～+0.2 dB)、処理時間は 8 倍です。</translation>
    </message>
    <message>
        <source>Colour black-and-white images and videos with the colorize model (Zhang et al. colorization), before or after upscaling. Colour inputs are left as they are.</source>
        <translation>白黒の画像と動画をカラー化モデル (Zhang らのカラー化) で着色します。アップスケールの前後どちらかで行います。カラーの入力はそのままです。</translation>
    </message>
    <message>
        <source>no colorize model installed</source>
        <translation>カラー化モデルがインストールされていません</translation>
    </message>
    <message>
        <source>How much of the colorizer&apos;s predicted colour to use: 0 % keeps the image gray, 100 % takes the prediction as it is. The colorizer can be badly wrong (red clouds, a yellow sky), so it starts low.</source>
        <translation>予測された色をどれだけ使うか: 0 % は画像をグレーのまま、100 % は予測をそのまま使います。カラー化は大きく外れることがある (赤い雲、黄色い空など) ため、低めの値から始めます。</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <source>Import a .safetensors model</source>
        <translation>.safetensors モデルをインポート</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Tile size in input pixels; Auto fits free memory</source>
        <translation>入力ピクセル単位のタイルサイズ。自動は空きメモリに合わせます</translation>
    </message>
    <message>
        <source>×8 self-ensemble</source>
        <translation>×8 セルフアンサンブル</translation>
    </message>
    <message>
        <source> % colour</source>
        <translation> % の色</translation>
    </message>
    <message>
        <source>Beside each input</source>
        <translation>各入力ファイルと同じ場所</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>出力フォルダーを選択</translation>
    </message>
    <message>
        <source> quality</source>
        <translation> 品質</translation>
    </message>
    <message>
        <source>Fields: {stem}, {scale}, {model}. With colorize on, the default name ends in _color.</source>
        <translation>使えるフィールド: {stem}、{scale}、{model}。カラー化がオンのとき、既定の名前は _color で終わります。</translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation>モデルを読み込み中…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>倍率</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>バックエンド</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>タイル</translation>
    </message>
    <message>
        <source>Passes</source>
        <translation>処理回数</translation>
    </message>
    <message>
        <source>Colorize</source>
        <translation>カラー化</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>すべてキャンセル</translation>
    </message>
    <message>
        <source>Loading the model list…</source>
        <translation>モデル一覧を読み込み中…</translation>
    </message>
    <message>
        <source>Upscale every queued file (Ctrl+Return)</source>
        <translation>キューのすべてのファイルをアップスケール (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Auto ({b})</source>
        <translation>自動 ({b})</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>出力フォルダー</translation>
    </message>
</context>
<context>
    <name>TrainCurves</name>
    <message>
        <source>Loss and validation curves appear here.</source>
        <translation>損失と検証のグラフがここに表示されます。</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>バイキュービック</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Ground truth</source>
        <translation>正解</translation>
    </message>
    <message>
        <source>Validation sample</source>
        <translation>検証サンプル</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>validation PSNR-Y</source>
        <translation>検証 PSNR-Y</translation>
    </message>
    <message>
        <source>model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>bicubic</source>
        <translation>バイキュービック</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <source>MSE on luma (Y) + 0.1 RGB</source>
        <translation>輝度 (Y) の MSE + 0.1 RGB</translation>
    </message>
    <message>
        <source>Clean downscales (bicubic)</source>
        <translation>きれいな縮小 (バイキュービック)</translation>
    </message>
    <message>
        <source>Camera photos (soft, slight noise, JPEG 70-90)</source>
        <translation>カメラ写真 (やや甘い、軽いノイズ、JPEG 70～90)</translation>
    </message>
    <message>
        <source>Real-world photos (blur, noise, resizing, JPEG twice)</source>
        <translation>実写の写真 (ぼけ、ノイズ、リサイズ、JPEG 2 回)</translation>
    </message>
    <message>
        <source>Training run</source>
        <translation>学習の実行</translation>
    </message>
    <message>
        <source>Folder of high-resolution images</source>
        <translation>高解像度画像のフォルダー</translation>
    </message>
    <message>
        <source>Optional: paired LR images (same names)</source>
        <translation>任意: 対応する LR 画像 (同じファイル名)</translation>
    </message>
    <message>
        <source>Optional: default = 2 training images</source>
        <translation>任意: 既定は学習画像 2 枚</translation>
    </message>
    <message>
        <source>Name of the new model (automatic)</source>
        <translation>新しいモデルの名前 (自動)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <source>Stop the run (validate and export the model) after this much training time, even before the last step; the learning rate then anneals to fit the time. 0 = no limit.</source>
        <translation>この学習時間が経過したら、最後のステップの前でも学習を終了します (検証してモデルを書き出します)。学習率はその時間に合わせて減衰します。0 = 制限なし。</translation>
    </message>
    <message>
        <source>How the low-resolution training inputs are made from your pictures: pick &apos;Real-world photos&apos; to fine-tune a model for JPEGs, scans and phone photos (ignored when an LR folder is given).</source>
        <translation>画像から低解像度の学習入力を作る方法。JPEG、スキャン、スマートフォンの写真向けにモデルを調整するには「実写の写真」を選びます (LR フォルダーを指定した場合は無視されます)。</translation>
    </message>
    <message>
        <source>HR folder</source>
        <translation>HR フォルダー</translation>
    </message>
    <message>
        <source>LR folder</source>
        <translation>LR フォルダー</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>Validation folder</source>
        <translation>検証フォルダー</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>ベースモデル</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>倍率</translation>
    </message>
    <message>
        <source>LR inputs</source>
        <translation>LR 入力</translation>
    </message>
    <message>
        <source>Patch (HR px)</source>
        <translation>パッチ (HR px)</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>ステップ数</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>制限時間</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>検証間隔</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>New {arch} (from scratch)</source>
        <translation>新規 {arch} (ゼロから)</translation>
    </message>
    <message>
        <source>Fine-tune {name} (×{scale})</source>
        <translation>{name} をファインチューニング (×{scale})</translation>
    </message>
</context>
<context>
    <name>TrainerTab</name>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>名前を付けて保存…</translation>
    </message>
    <message>
        <source>Save the trained model as a .safetensors file (SR Studio) or an .onnx file (other tools)</source>
        <translation>学習したモデルを .safetensors ファイル (SR Studio 用) または .onnx ファイル (他のツール用) として保存</translation>
    </message>
    <message>
        <source>Add to model list</source>
        <translation>モデル一覧に追加</translation>
    </message>
    <message>
        <source>Use the stopped run&apos;s best weights as a model</source>
        <translation>停止した学習の最良の重みをモデルとして使う</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Choose an HR folder first.</source>
        <translation>先に HR フォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Preparing data…</source>
        <translation>データを準備中…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>学習中…</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>このステップの後で停止します…</translation>
    </message>
    <message>
        <source>Training {detail}</source>
        <translation>学習 {detail}</translation>
    </message>
    <message>
        <source>Step {s} / {t}</source>
        <translation>ステップ {s} / {t}</translation>
    </message>
    <message>
        <source>time limit {m}</source>
        <translation>制限時間 {m}</translation>
    </message>
    <message>
        <source>Stopped at step {s}; the checkpoint is in {d}</source>
        <translation>ステップ {s} で停止しました。チェックポイントは {d} にあります</translation>
    </message>
    <message>
        <source>Stopped at step {s} of {t}. Its weights are in {d}; &apos;Add to model list&apos; makes it a model.</source>
        <translation>ステップ {s} / {t} で停止しました。重みは {d} にあります。「モデル一覧に追加」でモデルにできます。</translation>
    </message>
    <message>
        <source>Training finished but import failed: {e}</source>
        <translation>学習は完了しましたが、インポートに失敗しました: {e}</translation>
    </message>
    <message>
        <source>Done: {name} (best validation PSNR-Y {best}) is now in the model list.</source>
        <translation>完了: {name} (検証 PSNR-Y の最高値 {best}) がモデル一覧に追加されました。</translation>
    </message>
    <message>
        <source>Time limit reached at step {s} of {t}.</source>
        <translation>ステップ {s} / {t} で制限時間に達しました。</translation>
    </message>
    <message>
        <source>Training failed: {m}</source>
        <translation>学習に失敗しました: {m}</translation>
    </message>
    <message>
        <source>ONNX model, RGB in and out (*.onnx)</source>
        <translation>ONNX モデル、RGB 入出力 (*.onnx)</translation>
    </message>
    <message>
        <source>Save model as</source>
        <translation>モデルを名前を付けて保存</translation>
    </message>
    <message>
        <source>SR Studio model (*.safetensors)</source>
        <translation>SR Studio モデル (*.safetensors)</translation>
    </message>
    <message>
        <source>Exporting {name} to ONNX…</source>
        <translation>{name} を ONNX に書き出し中…</translation>
    </message>
    <message>
        <source>Saved {path} (ONNX: float32 RGB in and out)</source>
        <translation>{path} を保存しました (ONNX: float32 RGB 入出力)</translation>
    </message>
    <message>
        <source>ONNX export failed: {m}</source>
        <translation>ONNX への書き出しに失敗しました: {m}</translation>
    </message>
</context>
<context>
    <name>UpscaleWorker</name>
    <message>
        <source>colorize: {e}</source>
        <translation>カラー化: {e}</translation>
    </message>
    <message>
        <source>Upscaling {name} with {model} (×{scale}{where})</source>
        <translation>{name} を {model} でアップスケール中 (×{scale}{where})</translation>
    </message>
    <message>
        <source>No live preview for {name}: its {w}×{h} output would need {gib:.1f} GiB more memory. The result shows when it is written.</source>
        <translation>{name} のライブプレビューはありません。{w}×{h} の出力にはさらに {gib:.1f} GiB のメモリが必要です。結果は書き出し後に表示されます。</translation>
    </message>
    <message>
        <source>Upscaling video {name} with {model} (×{scale})</source>
        <translation>動画 {name} を {model} でアップスケール中 (×{scale})</translation>
    </message>
</context>
<context>
    <name>VideoSettings</name>
    <message>
        <source>Video</source>
        <translation>動画</translation>
    </message>
    <message>
        <source>CRF</source>
        <translation>CRF</translation>
    </message>
    <message>
        <source>Bitrate</source>
        <translation>ビットレート</translation>
    </message>
    <message>
        <source>Constant quality (CRF) or a target bitrate</source>
        <translation>品質固定 (CRF) または目標ビットレート</translation>
    </message>
    <message>
        <source>Constant quality: lower is better (x264: 18 is visually lossless, 23 the default)</source>
        <translation>品質固定: 低いほど高画質 (x264 では 18 で見た目はほぼ劣化なし、既定は 23)</translation>
    </message>
    <message>
        <source>Target bitrate, e.g. 8M or 2500k</source>
        <translation>目標ビットレート (例: 8M、2500k)</translation>
    </message>
    <message>
        <source>Encoder speed: slower presets make smaller files</source>
        <translation>エンコード速度: 遅いプリセットほどファイルが小さくなります</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>コーデック</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>品質</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <source>Videos are written as {name}</source>
        <translation>動画は {name} として書き出されます</translation>
    </message>
</context>
<context>
    <name>ViewerController</name>
    <message>
        <source>Input · smooth</source>
        <translation>入力 · スムーズ</translation>
    </message>
    <message>
        <source>Input · nearest</source>
        <translation>入力 · ニアレストネイバー</translation>
    </message>
    <message>
        <source>Live · {m}</source>
        <translation>ライブ · {m}</translation>
    </message>
    <message>
        <source>Heat map · {m}</source>
        <translation>ヒートマップ · {m}</translation>
    </message>
    <message>
        <source>Select an image in the queue first.</source>
        <translation>先にキューの画像を選んでください。</translation>
    </message>
    <message>
        <source>The self-check works on images, not videos.</source>
        <translation>セルフチェックは画像専用で、動画には使えません。</translation>
    </message>
    <message>
        <source>{d}/{t}: {n}</source>
        <translation>{d}/{t}: {n}</translation>
    </message>
    <message>
        <source>Self-check ×{s}: </source>
        <translation>セルフチェック ×{s}: </translation>
    </message>
    <message>
        <source> (best: {b})</source>
        <translation> (最良: {b})</translation>
    </message>
    <message>
        <source>PSNR/SSIM</source>
        <translation>PSNR/SSIM</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Select a finished item first.</source>
        <translation>先に完了した項目を選んでください。</translation>
    </message>
    <message>
        <source>Reference scores work on images, not videos.</source>
        <translation>参照画像によるスコアは画像専用で、動画には使えません。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>cancelled</source>
        <translation>キャンセルしました</translation>
    </message>
</context>
<context>
    <name>win</name>
    <message>
        <source>Upscale</source>
        <translation>アップスケール</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
</context>
</TS>
