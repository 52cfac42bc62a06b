<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name></name>
    <message>
        <source>open images</source>
        <translation>abrir imagens</translation>
    </message>
    <message>
        <source>open a folder</source>
        <translation>abrir uma pasta</translation>
    </message>
    <message>
        <source>start</source>
        <translation>iniciar</translation>
    </message>
    <message>
        <source>cancel the selected jobs</source>
        <translation>cancelar as tarefas selecionadas</translation>
    </message>
    <message>
        <source>fit</source>
        <translation>ajustar à janela</translation>
    </message>
    <message>
        <source>split wipe on/off</source>
        <translation>cortina liga/desliga</translation>
    </message>
    <message>
        <source>log</source>
        <translation>registro</translation>
    </message>
    <message>
        <source>import model</source>
        <translation>importar modelo</translation>
    </message>
    <message>
        <source>manage models</source>
        <translation>gerenciar modelos</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>sair</translation>
    </message>
    <message>
        <source>wheel / drag</source>
        <translation>roda / arrastar</translation>
    </message>
    <message>
        <source>zoom to cursor / pan</source>
        <translation>zoom no cursor / mover</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>&amp;Open images or videos…</source>
        <translation>&amp;Abrir imagens ou vídeos…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>Abrir &amp;pasta…</translation>
    </message>
    <message>
        <source>&amp;Import model…</source>
        <translation>&amp;Importar modelo…</translation>
    </message>
    <message>
        <source>Import model files (.pth, .safetensors, .onnx, .param/.bin…); dropping them on the window does too</source>
        <translation>Importar arquivos de modelo (.pth, .safetensors, .onnx, .param/.bin…); soltá-los na janela também funciona</translation>
    </message>
    <message>
        <source>&amp;Manage models…</source>
        <translation>&amp;Gerenciar modelos…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>Upscale every queued file (Ctrl+Return)</source>
        <translation>Ampliar todos os arquivos da fila (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel &amp;selected</source>
        <translation>Cancelar &amp;selecionados</translation>
    </message>
    <message>
        <source>&amp;Cancel all</source>
        <translation>&amp;Cancelar tudo</translation>
    </message>
    <message>
        <source>&amp;Remove finished</source>
        <translation>&amp;Remover concluídos</translation>
    </message>
    <message>
        <source>Start &amp;automatically on drop</source>
        <translation>Iniciar &amp;automaticamente ao soltar</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Ajustar</translation>
    </message>
    <message>
        <source>Split &amp;wipe</source>
        <translation>C&amp;ortina</translation>
    </message>
    <message>
        <source>&amp;About SR Studio</source>
        <translation>&amp;Sobre o SR Studio</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
    <message>
        <source>&amp;Self-test…</source>
        <translation>Auto&amp;diagnóstico…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;recente</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Fila</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelos</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Escuro</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>not probed yet</source>
        <translation>ainda não detectado</translation>
    </message>
    <message>
        <source>Single-image and video super-resolution, with a built-in trainer.</source>
        <translation>Super-resolução de imagens e vídeos, com treinamento integrado.</translation>
    </message>
    <message>
        <source>About SR Studio</source>
        <translation>Sobre o SR Studio</translation>
    </message>
</context>
<context>
    <name>CatalogController</name>
    <message>
        <source>Device: {d}</source>
        <translation>Dispositivo: {d}</translation>
    </message>
    <message>
        <source>{n} models ({s} shipped), devices: {d}</source>
        <translation>{n} modelos ({s} incluídos), dispositivos: {d}</translation>
    </message>
    <message>
        <source>Import models</source>
        <translation>Importar modelos</translation>
    </message>
    <message>
        <source>Models (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;All files (*)</source>
        <translation>Modelos (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Importing {what}…</source>
        <translation>Importando {what}…</translation>
    </message>
    <message>
        <source>Imported model {name} ({arch} ×{s}, {f})</source>
        <translation>Modelo {name} importado ({arch} ×{s}, {f})</translation>
    </message>
    <message>
        <source>Not imported: {m}</source>
        <translation>Não importado: {m}</translation>
    </message>
    <message>
        <source>Import model</source>
        <translation>Importar modelo</translation>
    </message>
    <message>
        <source>Renamed model {old} to {new}</source>
        <translation>Modelo {old} renomeado para {new}</translation>
    </message>
    <message>
        <source>Removed model {name}</source>
        <translation>Modelo {name} removido</translation>
    </message>
    <message>
        <source>Trained model added: {p}</source>
        <translation>Modelo treinado adicionado: {p}</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Drop images, videos or folders here
(or File ▸ Open, Ctrl+O)</source>
        <translation>Solte aqui imagens, vídeos ou pastas
(ou Arquivo ▸ Abrir, Ctrl+O)</translation>
    </message>
    <message>
        <source>The result appears here</source>
        <translation>O resultado aparece aqui</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Lado a lado</translation>
    </message>
    <message>
        <source>Split wipe</source>
        <translation>Cortina</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Fit to window (F, Ctrl+0)</source>
        <translation>Ajustar à janela (F, Ctrl+0)</translation>
    </message>
    <message>
        <source>Actual pixels (1)</source>
        <translation>Pixels reais (1)</translation>
    </message>
    <message>
        <source>Left:</source>
        <translation>Esquerda:</translation>
    </message>
    <message>
        <source>Right:</source>
        <translation>Direita:</translation>
    </message>
</context>
<context>
    <name>CrashBox</name>
    <message>
        <source>SR Studio met an unexpected error ({what}). The details are in {path}; please attach that file to a bug report.</source>
        <translation>O SR Studio encontrou um erro inesperado ({what}). Os detalhes estão em {path}; anexe esse arquivo a um relatório de erro.</translation>
    </message>
</context>
<context>
    <name>HeatLegend</name>
    <message>
        <source>{n:.0f}+ levels</source>
        <translation>{n:.0f}+ níveis</translation>
    </message>
    <message>
        <source>|model - ground truth| on luma, in 8-bit levels: black is exact, pale yellow {n:.0f} levels or more</source>
        <translation>|modelo − referência| na luminância, em níveis de 8 bits: preto é exato, amarelo-claro {n:.0f} níveis ou mais</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>System default</source>
        <translation>Padrão do sistema</translation>
    </message>
    <message>
        <source>The language changes when SR Studio starts again.</source>
        <translation>O idioma muda na próxima vez que o SR Studio for iniciado.</translation>
    </message>
</context>
<context>
    <name>LeanBuild</name>
    <message>
        <source>Training needs PyTorch, which this build leaves out: use {full}, the full build.</source>
        <translation>O treinamento precisa do PyTorch, que esta versão não inclui: use o {full}, a versão completa.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{q} queued · {r} running · {d} done · {e} failed</source>
        <translation>{q} na fila · {r} em execução · {d} concluídos · {e} com falha</translation>
    </message>
    <message>
        <source>Drop images, videos or folders to start</source>
        <translation>Solte imagens, vídeos ou pastas para começar</translation>
    </message>
    <message>
        <source>Training {n} for {s} steps → {o}</source>
        <translation>Treinando {n} por {s} passos → {o}</translation>
    </message>
    <message>
        <source>Training failed: {m}</source>
        <translation>O treinamento falhou: {m}</translation>
    </message>
    <message>
        <source>Quit SR Studio</source>
        <translation>Sair do SR Studio</translation>
    </message>
    <message>
        <source>{n} job(s) are running. Stop them and quit? Unfinished outputs are not kept.</source>
        <translation>Tarefas em execução: {n}. Interromper e sair? As saídas não concluídas não são mantidas.</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>Interromper e sair</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Continuar executando</translation>
    </message>
    <message>
        <source>Stopping the running jobs…</source>
        <translation>Interrompendo as tarefas em execução…</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <source>Ground-truth HR image (optional)</source>
        <translation>Referência HR (opcional)</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Avaliar</translation>
    </message>
    <message>
        <source>PSNR/SSIM of the selected output and of bicubic against the reference</source>
        <translation>PSNR/SSIM da saída selecionada e da bicúbica em relação à referência</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referência</translation>
    </message>
    <message>
        <source>No reference? The selected image is taken as ground truth, shrunk ×s with bicubic and upscaled back by each model: the same protocol as &apos;srstudio eval&apos;.</source>
        <translation>Sem referência? A imagem selecionada é tomada como referência, reduzida ×s com bicúbica e ampliada de volta por cada modelo: o mesmo protocolo do “srstudio eval”.</translation>
    </message>
    <message>
        <source>Run self-check</source>
        <translation>Executar autoavaliação</translation>
    </message>
    <message>
        <source>Scores appear here as a bar chart.</source>
        <translation>Aqui aparece um gráfico de barras.</translation>
    </message>
    <message>
        <source>Show difference heat map of</source>
        <translation>Mapa de calor das diferenças de</translation>
    </message>
    <message>
        <source>Self-check</source>
        <translation>Autoavaliação</translation>
    </message>
    <message>
        <source>bicubic (always)</source>
        <translation>bicúbica (sempre)</translation>
    </message>
    <message>
        <source>No reference: the image is shrunk ×{s} and upscaled back by each model.</source>
        <translation>Sem referência: a imagem é reduzida ×{s} e ampliada de volta por cada modelo.</translation>
    </message>
    <message>
        <source>No reference? The selected image is taken as ground truth, shrunk ×{s} with bicubic and upscaled back by each model: the same protocol as &apos;srstudio eval&apos;.</source>
        <translation>Sem referência? A imagem selecionada é tomada como referência, reduzida ×{s} com bicúbica e ampliada de volta por cada modelo: o mesmo protocolo do “srstudio eval”.</translation>
    </message>
    <message>
        <source>Reference image</source>
        <translation>Imagem de referência</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</source>
        <translation>Imagens (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>Bicúbica</translation>
    </message>
    <message>
        <source>image itself</source>
        <translation>a própria imagem</translation>
    </message>
</context>
<context>
    <name>ModelCombo</name>
    <message>
        <source>MATLAB imresize, the SR baseline</source>
        <translation>imresize do MATLAB, a referência de SR</translation>
    </message>
    <message>
        <source>bilinear</source>
        <translation>bilinear</translation>
    </message>
    <message>
        <source>pixel replication</source>
        <translation>replicação de pixels</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Chosen per input for the chosen scale: the photo model for JPEG-compressed or noisy pictures and for videos, else quality (or fast where it scores as well); the log says which and why</source>
        <translation>Escolhido para cada entrada na escala escolhida: o modelo de fotos para imagens comprimidas em JPEG ou com ruído e para vídeos; senão, qualidade (ou rápido onde pontua igual); o registro informa qual e por quê</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualidade</translation>
    </message>
    <message>
        <source>The quality model for the chosen scale (sharper, slower)</source>
        <translation>O modelo de qualidade para a escala escolhida (mais nítido, mais lento)</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Rápido</translation>
    </message>
    <message>
        <source>The fast model for the chosen scale</source>
        <translation>O modelo rápido para a escala escolhida</translation>
    </message>
    <message>
        <source>none at ×{s}</source>
        <translation>nenhum para ×{s}</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Arquitetura</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Escala</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>Executa com</translation>
    </message>
    <message>
        <source>SHA-256 (first 16 hex)</source>
        <translation>SHA-256 (primeiros 16 hex)</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>The shipped models and the ones you imported or trained. Drop model files (.pth, .safetensors, .onnx, .param/.bin) or an Upscayl models folder here or on the main window to add them.</source>
        <translation>Os modelos incluídos e os que você importou ou treinou. Solte aqui ou na janela principal arquivos de modelo (.pth, .safetensors, .onnx, .param/.bin) ou uma pasta de modelos do Upscayl para adicioná-los.</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>Re&amp;nomear…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remover</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Reading the model library…</source>
        <translation>Lendo a biblioteca de modelos…</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Incluído</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>{n} models: {s} shipped, {u} yours</source>
        <translation>{n} modelos: {s} incluídos, {u} seus</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licença</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Finalidade</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Função</translation>
    </message>
    <message>
        <source>Shipped models cannot be renamed or removed</source>
        <translation>Os modelos incluídos não podem ser renomeados nem removidos</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>Renomear modelo</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>Novo nome para {name}:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renomear</translation>
    </message>
    <message>
        <source>Renaming {name}…</source>
        <translation>Renomeando {name}…</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>Remover modelo</translation>
    </message>
    <message>
        <source>Remove {name}? Its file is deleted from your model folder:
{path}</source>
        <translation>Remover {name}? O arquivo será apagado da sua pasta de modelos:
{path}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Removing {name}…</source>
        <translation>Removendo {name}…</translation>
    </message>
    <message>
        <source>Not changed: {m}</source>
        <translation>Não alterado: {m}</translation>
    </message>
    <message>
        <source>Not imported: {m}</source>
        <translation>Não importado: {m}</translation>
    </message>
    <message>
        <source>{n} file(s) that are not models were left out: pictures and videos go on the main window</source>
        <translation>Arquivos que não são modelos foram deixados de fora ({n}): imagens e vídeos vão na janela principal</translation>
    </message>
</context>
<context>
    <name>QueueController</name>
    <message numerus="yes">
        <source>%n image</source>
        <translation>
            <numerusform>%n imagem</numerusform>
            <numerusform>%n imagens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images</source>
        <translation>
            <numerusform>%n imagem</numerusform>
            <numerusform>%n imagens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n video</source>
        <translation>
            <numerusform>%n vídeo</numerusform>
            <numerusform>%n vídeos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n videos</source>
        <translation>
            <numerusform>%n vídeo</numerusform>
            <numerusform>%n vídeos</numerusform>
        </translation>
    </message>
    <message>
        <source>{images} and {videos}</source>
        <translation>{images} e {videos}</translation>
    </message>
    <message>
        <source>Queued {what}</source>
        <translation>Adicionado à fila: {what}</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled (%n job)</source>
        <translation>
            <numerusform>Cancelado (%n tarefa)</numerusform>
            <numerusform>Cancelado (%n tarefas)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled (%n jobs)</source>
        <translation>
            <numerusform>Cancelado (%n tarefa)</numerusform>
            <numerusform>Cancelado (%n tarefas)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n concluído</numerusform>
            <numerusform>%n concluídos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n com falha</numerusform>
            <numerusform>%n com falha</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n cancelado</numerusform>
            <numerusform>%n cancelados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n pulado</numerusform>
            <numerusform>%n pulados</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>separator of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Finished: {parts}</source>
        <translation>Finalizado: {parts}</translation>
    </message>
    <message>
        <source>Open images or videos</source>
        <translation>Abrir imagens ou vídeos</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Abrir pasta</translation>
    </message>
    <message>
        <source>Output exists</source>
        <translation>A saída já existe</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}.</source>
        <translation>{name} já existe em {folder}.</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Substituir</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renomear</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Pular</translation>
    </message>
    <message>
        <source>Do this for every existing file</source>
        <translation>Fazer o mesmo para todos os arquivos existentes</translation>
    </message>
    <message>
        <source>Nothing queued: drop or open images or videos first</source>
        <translation>Nada na fila: primeiro solte ou abra imagens ou vídeos</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>Não é possível iniciar</translation>
    </message>
    <message>
        <source>Type the server&apos;s address under Run on, or choose This computer</source>
        <translation>Digite o endereço do servidor em “Executar em” ou escolha “Este computador”</translation>
    </message>
    <message>
        <source>output exists</source>
        <translation>a saída já existe</translation>
    </message>
    <message>
        <source>Long video</source>
        <translation>Vídeo longo</translation>
    </message>
    <message>
        <source>{text}. Start it?</source>
        <translation>{text}. Iniciar?</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Agora não</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>cancelando…</translation>
    </message>
    <message>
        <source>{name} → {out} ({n} frames, {fps}, {sec:.1f} s, {enc})</source>
        <translation>{name} → {out} ({n} quadros, {fps}, {sec:.1f} s, {enc})</translation>
    </message>
    <message>
        <source>; resumed after frame {f}</source>
        <translation>; retomado após o quadro {f}</translation>
    </message>
    <message>
        <source>; colorized</source>
        <translation>; colorido</translation>
    </message>
    <message>
        <source>{name} → {out} ({sec:.1f} s, tile {tile})</source>
        <translation>{name} → {out} ({sec:.1f} s, bloco {tile})</translation>
    </message>
    <message>
        <source>{name}: cancelled; finished parts are kept, run it again to resume</source>
        <translation>{name}: cancelado; as partes concluídas são mantidas, execute de novo para retomar</translation>
    </message>
    <message>
        <source>{name}: cancelled</source>
        <translation>{name}: cancelado</translation>
    </message>
    <message>
        <source>Upscaling failed</source>
        <translation>A ampliação falhou</translation>
    </message>
    <message>
        <source>stopped unexpectedly</source>
        <translation>parou inesperadamente</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>queued</source>
        <translation>na fila</translation>
    </message>
    <message>
        <source>running</source>
        <translation>em execução</translation>
    </message>
    <message>
        <source>done</source>
        <translation>concluído</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erro</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>pulado</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>Finished parts are kept: run it again with the same settings to continue where it stopped</source>
        <translation>As partes concluídas são mantidas: execute de novo com as mesmas configurações para continuar de onde parou</translation>
    </message>
    <message>
        <source>{w}×{h} · {n} frames</source>
        <translation>{w}×{h} · {n} quadros</translation>
    </message>
    <message>
        <source>{label} — can resume</source>
        <translation>{label} — pode ser retomado</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Run again with current settings</source>
        <translation>Executar de novo com as configurações atuais</translation>
    </message>
    <message>
        <source>Remove from queue</source>
        <translation>Remover da fila</translation>
    </message>
    <message>
        <source>Show output folder</source>
        <translation>Mostrar a pasta de saída</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>Clear list</source>
        <translation>Limpar a lista</translation>
    </message>
</context>
<context>
    <name>RemoteUpscaleWorker</name>
    <message>
        <source>no server address: type it under Run on</source>
        <translation>nenhum endereço de servidor: digite-o em “Executar em”</translation>
    </message>
    <message>
        <source>Running the queue on the server {s}</source>
        <translation>Executando a fila no servidor {s}</translation>
    </message>
    <message>
        <source>the server {s} has no model {m!r}: install it there, or Run on: This computer</source>
        <translation>o servidor {s} não tem o modelo {m!r}: instale-o lá ou escolha “Executar em: Este computador”</translation>
    </message>
    <message>
        <source>Upscaling {name} on {server} with {model} (×{scale})</source>
        <translation>Ampliando {name} em {server} com {model} (×{scale})</translation>
    </message>
    <message>
        <source>the server&apos;s</source>
        <translation>o do servidor</translation>
    </message>
</context>
<context>
    <name>RunOnPanel</name>
    <message>
        <source>Run on</source>
        <translation>Executar em</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Este computador</translation>
    </message>
    <message>
        <source>A server</source>
        <translation>Um servidor</translation>
    </message>
    <message>
        <source>if the server has one</source>
        <translation>se o servidor tiver um</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Testar conexão</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Onde</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
</context>
<context>
    <name>SelftestDialog</name>
    <message>
        <source>Self-test</source>
        <translation>Autodiagnóstico</translation>
    </message>
    <message>
        <source>Checks this installation: every shipped model on every backend and device found, each image format, and a short video with audio.</source>
        <translation>Verifica esta instalação: cada modelo incluído em cada backend e dispositivo encontrado, cada formato de imagem e um vídeo curto com áudio.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Teste</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Em execução…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Image format</source>
        <translation>Formato de imagem</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>aprovado</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FALHOU</translation>
    </message>
    <message>
        <source>Running… checks done: {n}</source>
        <translation>Em execução… testes feitos: {n}</translation>
    </message>
    <message>
        <source>Self-test failed: {f} of {t} checks failed.</source>
        <translation>Autodiagnóstico com falha ({f} de {t} testes não passaram).</translation>
    </message>
    <message>
        <source>Self-test passed: {p} of {t} checks succeeded.</source>
        <translation>Autodiagnóstico aprovado ({p} de {t} testes bem-sucedidos).</translation>
    </message>
    <message>
        <source>The self-test stopped: {m}</source>
        <translation>O autodiagnóstico parou: {m}</translation>
    </message>
</context>
<context>
    <name>ServerCheckWorker</name>
    <message>
        <source>Type the server&apos;s address, e.g. http://192.168.1.20:8765</source>
        <translation>Digite o endereço do servidor, por ex. http://192.168.1.20:8765</translation>
    </message>
    <message>
        <source>Connected: SR Studio {v} on {dev}, {n} models</source>
        <translation>Conectado: SR Studio {v} em {dev}, {n} modelos</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>PyTorch: CUDA, Apple MPS or CPU, any precision. ONNX Runtime: DirectML (Windows GPUs of any make), CUDA, CoreML or CPU, fp32. The model is converted on its first run and kept. Auto: whichever of the two ran faster when timed once on this computer (the log says which ran).</source>
        <translation>PyTorch: CUDA, Apple MPS ou CPU, qualquer precisão. ONNX Runtime: DirectML (GPUs de qualquer marca no Windows), CUDA, CoreML ou CPU, fp32. O modelo é convertido na primeira execução e mantido. Auto: o mais rápido dos dois, medido uma vez neste computador (o registro informa qual foi usado).</translation>
    </message>
    <message>
        <source>ONNX Runtime runs fp32</source>
        <translation>O ONNX Runtime roda em fp32</translation>
    </message>
    <message>
        <source>Same as input</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desligado</translation>
    </message>
    <message>
        <source>Gray inputs, before upscaling</source>
        <translation>Entradas em cinza, antes de ampliar</translation>
    </message>
    <message>
        <source>Gray inputs, after upscaling</source>
        <translation>Entradas em cinza, depois de ampliar</translation>
    </message>
    <message>
        <source>Upscale each image in its 8 flips and rotations and average the results: a little sharper (about +0.1 to +0.2 dB PSNR), 8 times slower.</source>
        <translation>Amplia cada imagem em suas 8 inversões e rotações e tira a média dos resultados: um pouco mais nítido (cerca de +0,1 a +0,2 dB de PSNR), 8 vezes mais lento.</translation>
    </message>
    <message>
        <source>Colour black-and-white images and videos with the colorize model (Zhang et al. colorization), before or after upscaling. Colour inputs are left as they are.</source>
        <translation>Colore imagens e vídeos em preto e branco com o modelo de colorização (colorização de Zhang et al.), antes ou depois de ampliar. Entradas coloridas ficam como estão.</translation>
    </message>
    <message>
        <source>no colorize model installed</source>
        <translation>nenhum modelo de colorização instalado</translation>
    </message>
    <message>
        <source>How much of the colorizer&apos;s predicted colour to use: 0 % keeps the image gray, 100 % takes the prediction as it is. The colorizer can be badly wrong (red clouds, a yellow sky), so it starts low.</source>
        <translation>Quanto da cor prevista pelo modelo usar: 0 % mantém a imagem em cinza, 100 % usa a previsão como está. A colorização pode errar feio (nuvens vermelhas, um céu amarelo), por isso começa baixa.</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Import a .safetensors model</source>
        <translation>Importar um modelo .safetensors</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Tile size in input pixels; Auto fits free memory</source>
        <translation>Tamanho do bloco em pixels de entrada; Auto se ajusta à memória livre</translation>
    </message>
    <message>
        <source>×8 self-ensemble</source>
        <translation>Autoensemble ×8</translation>
    </message>
    <message>
        <source> % colour</source>
        <translation> % de cor</translation>
    </message>
    <message>
        <source>Beside each input</source>
        <translation>Ao lado de cada entrada</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>Escolher a pasta de saída</translation>
    </message>
    <message>
        <source> quality</source>
        <translation> (qualidade)</translation>
    </message>
    <message>
        <source>Fields: {stem}, {scale}, {model}. With colorize on, the default name ends in _color.</source>
        <translation>Campos: {stem}, {scale}, {model}. Com a colorização ativada, o nome padrão termina em _color.</translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation>Carregando modelos…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Escala</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisão</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>Bloco</translation>
    </message>
    <message>
        <source>Passes</source>
        <translation>Passadas</translation>
    </message>
    <message>
        <source>Colorize</source>
        <translation>Colorir</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Pasta</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Cancelar tudo</translation>
    </message>
    <message>
        <source>Loading the model list…</source>
        <translation>Carregando a lista de modelos…</translation>
    </message>
    <message>
        <source>Upscale every queued file (Ctrl+Return)</source>
        <translation>Ampliar todos os arquivos da fila (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Auto ({b})</source>
        <translation>Auto ({b})</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Pasta de saída</translation>
    </message>
</context>
<context>
    <name>TrainCurves</name>
    <message>
        <source>Loss and validation curves appear here.</source>
        <translation>As curvas de perda e de validação aparecem aqui.</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>Bicúbica</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Ground truth</source>
        <translation>Referência</translation>
    </message>
    <message>
        <source>Validation sample</source>
        <translation>Amostra de validação</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perda</translation>
    </message>
    <message>
        <source>step</source>
        <translation>passo</translation>
    </message>
    <message>
        <source>validation PSNR-Y</source>
        <translation>PSNR-Y de validação</translation>
    </message>
    <message>
        <source>model</source>
        <translation>modelo</translation>
    </message>
    <message>
        <source>bicubic</source>
        <translation>bicúbica</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <source>MSE on luma (Y) + 0.1 RGB</source>
        <translation>MSE na luminância (Y) + 0,1 RGB</translation>
    </message>
    <message>
        <source>Clean downscales (bicubic)</source>
        <translation>Reduções limpas (bicúbica)</translation>
    </message>
    <message>
        <source>Camera photos (soft, slight noise, JPEG 70-90)</source>
        <translation>Fotos de câmera (suaves, pouco ruído, JPEG 70-90)</translation>
    </message>
    <message>
        <source>Real-world photos (blur, noise, resizing, JPEG twice)</source>
        <translation>Fotos reais (desfoque, ruído, redimensionamento, JPEG duas vezes)</translation>
    </message>
    <message>
        <source>Training run</source>
        <translation>Treinamento</translation>
    </message>
    <message>
        <source>Folder of high-resolution images</source>
        <translation>Pasta de imagens em alta resolução</translation>
    </message>
    <message>
        <source>Optional: paired LR images (same names)</source>
        <translation>Opcional: imagens LR pareadas (mesmos nomes)</translation>
    </message>
    <message>
        <source>Optional: default = 2 training images</source>
        <translation>Opcional: padrão = 2 imagens de treinamento</translation>
    </message>
    <message>
        <source>Name of the new model (automatic)</source>
        <translation>Nome do novo modelo (automático)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sem limite</translation>
    </message>
    <message>
        <source>Stop the run (validate and export the model) after this much training time, even before the last step; the learning rate then anneals to fit the time. 0 = no limit.</source>
        <translation>Encerra o treinamento (valida e exporta o modelo) após este tempo, mesmo antes do último passo; a taxa de aprendizado então decai para caber no tempo. 0 = sem limite.</translation>
    </message>
    <message>
        <source>How the low-resolution training inputs are made from your pictures: pick &apos;Real-world photos&apos; to fine-tune a model for JPEGs, scans and phone photos (ignored when an LR folder is given).</source>
        <translation>Como as entradas de baixa resolução são geradas a partir das suas imagens: escolha “Fotos reais” para ajustar um modelo a JPEGs, digitalizações e fotos de celular (ignorado quando uma pasta LR é informada).</translation>
    </message>
    <message>
        <source>HR folder</source>
        <translation>Pasta HR</translation>
    </message>
    <message>
        <source>LR folder</source>
        <translation>Pasta LR</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validação</translation>
    </message>
    <message>
        <source>Validation folder</source>
        <translation>Pasta de validação</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>Modelo base</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Escala</translation>
    </message>
    <message>
        <source>LR inputs</source>
        <translation>Entradas LR</translation>
    </message>
    <message>
        <source>Patch (HR px)</source>
        <translation>Recorte (px HR)</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Passos</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Limite de tempo</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>Validar a cada</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perda</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taxa de aprendizado</translation>
    </message>
    <message>
        <source>New {arch} (from scratch)</source>
        <translation>Novo {arch} (do zero)</translation>
    </message>
    <message>
        <source>Fine-tune {name} (×{scale})</source>
        <translation>Ajustar {name} (×{scale})</translation>
    </message>
</context>
<context>
    <name>TrainerTab</name>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <source>Save the trained model as a .safetensors file (SR Studio) or an .onnx file (other tools)</source>
        <translation>Salvar o modelo treinado como arquivo .safetensors (SR Studio) ou .onnx (outras ferramentas)</translation>
    </message>
    <message>
        <source>Add to model list</source>
        <translation>Adicionar à lista de modelos</translation>
    </message>
    <message>
        <source>Use the stopped run&apos;s best weights as a model</source>
        <translation>Usar os melhores pesos do treinamento interrompido como modelo</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Pronto</translation>
    </message>
    <message>
        <source>Choose an HR folder first.</source>
        <translation>Escolha primeiro uma pasta HR.</translation>
    </message>
    <message>
        <source>Preparing data…</source>
        <translation>Preparando os dados…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausado</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Treinando…</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>Parando após este passo…</translation>
    </message>
    <message>
        <source>Training {detail}</source>
        <translation>Treinamento {detail}</translation>
    </message>
    <message>
        <source>Step {s} / {t}</source>
        <translation>Passo {s} / {t}</translation>
    </message>
    <message>
        <source>time limit {m}</source>
        <translation>limite de tempo {m}</translation>
    </message>
    <message>
        <source>Stopped at step {s}; the checkpoint is in {d}</source>
        <translation>Parado no passo {s}; o checkpoint está em {d}</translation>
    </message>
    <message>
        <source>Stopped at step {s} of {t}. Its weights are in {d}; &apos;Add to model list&apos; makes it a model.</source>
        <translation>Parado no passo {s} de {t}. Os pesos estão em {d}; “Adicionar à lista de modelos” o transforma em um modelo.</translation>
    </message>
    <message>
        <source>Training finished but import failed: {e}</source>
        <translation>O treinamento terminou, mas a importação falhou: {e}</translation>
    </message>
    <message>
        <source>Done: {name} (best validation PSNR-Y {best}) is now in the model list.</source>
        <translation>Concluído: {name} (melhor PSNR-Y de validação: {best}) agora está na lista de modelos.</translation>
    </message>
    <message>
        <source>Time limit reached at step {s} of {t}.</source>
        <translation>Limite de tempo atingido no passo {s} de {t}.</translation>
    </message>
    <message>
        <source>Training failed: {m}</source>
        <translation>O treinamento falhou: {m}</translation>
    </message>
    <message>
        <source>ONNX model, RGB in and out (*.onnx)</source>
        <translation>Modelo ONNX, entrada e saída RGB (*.onnx)</translation>
    </message>
    <message>
        <source>Save model as</source>
        <translation>Salvar modelo como</translation>
    </message>
    <message>
        <source>SR Studio model (*.safetensors)</source>
        <translation>Modelo do SR Studio (*.safetensors)</translation>
    </message>
    <message>
        <source>Exporting {name} to ONNX…</source>
        <translation>Exportando {name} para ONNX…</translation>
    </message>
    <message>
        <source>Saved {path} (ONNX: float32 RGB in and out)</source>
        <translation>{path} salvo (ONNX: entrada e saída RGB float32)</translation>
    </message>
    <message>
        <source>ONNX export failed: {m}</source>
        <translation>A exportação para ONNX falhou: {m}</translation>
    </message>
</context>
<context>
    <name>UpscaleWorker</name>
    <message>
        <source>colorize: {e}</source>
        <translation>colorização: {e}</translation>
    </message>
    <message>
        <source>Upscaling {name} with {model} (×{scale}{where})</source>
        <translation>Ampliando {name} com {model} (×{scale}{where})</translation>
    </message>
    <message>
        <source>No live preview for {name}: its {w}×{h} output would need {gib:.1f} GiB more memory. The result shows when it is written.</source>
        <translation>Sem pré-visualização ao vivo de {name}: a saída de {w}×{h} precisaria de mais {gib:.1f} GiB de memória. O resultado aparece quando for gravado.</translation>
    </message>
    <message>
        <source>Upscaling video {name} with {model} (×{scale})</source>
        <translation>Ampliando o vídeo {name} com {model} (×{scale})</translation>
    </message>
</context>
<context>
    <name>VideoSettings</name>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>CRF</source>
        <translation>CRF</translation>
    </message>
    <message>
        <source>Bitrate</source>
        <translation>Taxa de bits</translation>
    </message>
    <message>
        <source>Constant quality (CRF) or a target bitrate</source>
        <translation>Qualidade constante (CRF) ou uma taxa de bits alvo</translation>
    </message>
    <message>
        <source>Constant quality: lower is better (x264: 18 is visually lossless, 23 the default)</source>
        <translation>Qualidade constante: menor é melhor (x264: 18 é visualmente sem perdas, 23 é o padrão)</translation>
    </message>
    <message>
        <source>Target bitrate, e.g. 8M or 2500k</source>
        <translation>Taxa de bits alvo, por ex. 8M ou 2500k</translation>
    </message>
    <message>
        <source>Encoder speed: slower presets make smaller files</source>
        <translation>Velocidade do codificador: predefinições mais lentas geram arquivos menores</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>Codec</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualidade</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Predefinição</translation>
    </message>
    <message>
        <source>Videos are written as {name}</source>
        <translation>Os vídeos são gravados como {name}</translation>
    </message>
</context>
<context>
    <name>ViewerController</name>
    <message>
        <source>Input · smooth</source>
        <translation>Entrada · suavizada</translation>
    </message>
    <message>
        <source>Input · nearest</source>
        <translation>Entrada · vizinho mais próximo</translation>
    </message>
    <message>
        <source>Live · {m}</source>
        <translation>Ao vivo · {m}</translation>
    </message>
    <message>
        <source>Heat map · {m}</source>
        <translation>Mapa de calor · {m}</translation>
    </message>
    <message>
        <source>Select an image in the queue first.</source>
        <translation>Selecione primeiro uma imagem na fila.</translation>
    </message>
    <message>
        <source>The self-check works on images, not videos.</source>
        <translation>A autoavaliação funciona com imagens, não com vídeos.</translation>
    </message>
    <message>
        <source>{d}/{t}: {n}</source>
        <translation>{d}/{t}: {n}</translation>
    </message>
    <message>
        <source>Self-check ×{s}: </source>
        <translation>Autoavaliação ×{s}: </translation>
    </message>
    <message>
        <source> (best: {b})</source>
        <translation> (melhor: {b})</translation>
    </message>
    <message>
        <source>PSNR/SSIM</source>
        <translation>PSNR/SSIM</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Em execução</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Concluído</translation>
    </message>
    <message>
        <source>Select a finished item first.</source>
        <translation>Selecione primeiro um item concluído.</translation>
    </message>
    <message>
        <source>Reference scores work on images, not videos.</source>
        <translation>As pontuações com referência funcionam com imagens, não com vídeos.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Em execução…</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
</context>
<context>
    <name>win</name>
    <message>
        <source>Upscale</source>
        <translation>Ampliar</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Treinar</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
</context>
</TS>
