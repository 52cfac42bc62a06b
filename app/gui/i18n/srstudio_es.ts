<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name></name>
    <message>
        <source>open images</source>
        <translation>abrir imágenes</translation>
    </message>
    <message>
        <source>open a folder</source>
        <translation>abrir una carpeta</translation>
    </message>
    <message>
        <source>start</source>
        <translation>iniciar</translation>
    </message>
    <message>
        <source>cancel the selected jobs</source>
        <translation>cancelar los trabajos seleccionados</translation>
    </message>
    <message>
        <source>fit</source>
        <translation>ajustar a la ventana</translation>
    </message>
    <message>
        <source>split wipe on/off</source>
        <translation>cortinilla sí/no</translation>
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
        <translation>gestionar modelos</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>salir</translation>
    </message>
    <message>
        <source>wheel / drag</source>
        <translation>rueda / arrastrar</translation>
    </message>
    <message>
        <source>zoom to cursor / pan</source>
        <translation>zoom hacia el cursor / desplazar</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>&amp;Open images or videos…</source>
        <translation>&amp;Abrir imágenes o vídeos…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>Abrir &amp;carpeta…</translation>
    </message>
    <message>
        <source>&amp;Import model…</source>
        <translation>&amp;Importar modelo…</translation>
    </message>
    <message>
        <source>Import model files (.pth, .safetensors, .onnx, .param/.bin…); dropping them on the window does too</source>
        <translation>Importar archivos de modelo (.pth, .safetensors, .onnx, .param/.bin…); también basta con soltarlos en la ventana</translation>
    </message>
    <message>
        <source>&amp;Manage models…</source>
        <translation>&amp;Gestionar modelos…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>Upscale every queued file (Ctrl+Return)</source>
        <translation>Ampliar todos los archivos de la cola (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Cancel &amp;selected</source>
        <translation>Cancelar &amp;seleccionados</translation>
    </message>
    <message>
        <source>&amp;Cancel all</source>
        <translation>&amp;Cancelar todo</translation>
    </message>
    <message>
        <source>&amp;Remove finished</source>
        <translation>&amp;Quitar terminados</translation>
    </message>
    <message>
        <source>Start &amp;automatically on drop</source>
        <translation>Iniciar &amp;automáticamente al soltar</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Ajustar</translation>
    </message>
    <message>
        <source>Split &amp;wipe</source>
        <translation>Corti&amp;nilla</translation>
    </message>
    <message>
        <source>&amp;About SR Studio</source>
        <translation>&amp;Acerca de SR Studio</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <source>&amp;Self-test…</source>
        <translation>Auto&amp;diagnóstico…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Cola</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelos</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
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
        <translation>Ay&amp;uda</translation>
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
        <translation>Oscuro</translation>
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
        <translation>aún no detectado</translation>
    </message>
    <message>
        <source>Single-image and video super-resolution, with a built-in trainer.</source>
        <translation>Superresolución de imágenes y vídeos, con entrenamiento integrado.</translation>
    </message>
    <message>
        <source>About SR Studio</source>
        <translation>Acerca de SR Studio</translation>
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
        <translation>{n} modelos ({s} incluidos), dispositivos: {d}</translation>
    </message>
    <message>
        <source>Import models</source>
        <translation>Importar modelos</translation>
    </message>
    <message>
        <source>Models (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;All files (*)</source>
        <translation>Modelos (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;Todos los archivos (*)</translation>
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
        <translation>No se importó: {m}</translation>
    </message>
    <message>
        <source>Import model</source>
        <translation>Importar modelo</translation>
    </message>
    <message>
        <source>Renamed model {old} to {new}</source>
        <translation>Modelo {old} renombrado a {new}</translation>
    </message>
    <message>
        <source>Removed model {name}</source>
        <translation>Modelo {name} eliminado</translation>
    </message>
    <message>
        <source>Trained model added: {p}</source>
        <translation>Modelo entrenado añadido: {p}</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Drop images, videos or folders here
(or File ▸ Open, Ctrl+O)</source>
        <translation>Suelte aquí imágenes, vídeos o carpetas
(o Archivo ▸ Abrir, Ctrl+O)</translation>
    </message>
    <message>
        <source>The result appears here</source>
        <translation>El resultado aparece aquí</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Lado a lado</translation>
    </message>
    <message>
        <source>Split wipe</source>
        <translation>Cortinilla</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Fit to window (F, Ctrl+0)</source>
        <translation>Ajustar a la ventana (F, Ctrl+0)</translation>
    </message>
    <message>
        <source>Actual pixels (1)</source>
        <translation>Píxeles reales (1)</translation>
    </message>
    <message>
        <source>Left:</source>
        <translation>Izquierda:</translation>
    </message>
    <message>
        <source>Right:</source>
        <translation>Derecha:</translation>
    </message>
</context>
<context>
    <name>CrashBox</name>
    <message>
        <source>SR Studio met an unexpected error ({what}). The details are in {path}; please attach that file to a bug report.</source>
        <translation>SR Studio encontró un error inesperado ({what}). Los detalles están en {path}; adjunte ese archivo a un informe de error.</translation>
    </message>
</context>
<context>
    <name>HeatLegend</name>
    <message>
        <source>{n:.0f}+ levels</source>
        <translation>{n:.0f}+ niveles</translation>
    </message>
    <message>
        <source>|model - ground truth| on luma, in 8-bit levels: black is exact, pale yellow {n:.0f} levels or more</source>
        <translation>|modelo − referencia| en luminancia, en niveles de 8 bits: negro es exacto, amarillo pálido {n:.0f} niveles o más</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>System default</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>The language changes when SR Studio starts again.</source>
        <translation>El idioma cambiará la próxima vez que se inicie SR Studio.</translation>
    </message>
</context>
<context>
    <name>LeanBuild</name>
    <message>
        <source>Training needs PyTorch, which this build leaves out: use {full}, the full build.</source>
        <translation>El entrenamiento necesita PyTorch, que esta versión no incluye: use {full}, la versión completa.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{q} queued · {r} running · {d} done · {e} failed</source>
        <translation>{q} en cola · {r} en curso · {d} terminados · {e} con error</translation>
    </message>
    <message>
        <source>Drop images, videos or folders to start</source>
        <translation>Suelte imágenes, vídeos o carpetas para empezar</translation>
    </message>
    <message>
        <source>Training {n} for {s} steps → {o}</source>
        <translation>Entrenando {n} durante {s} pasos → {o}</translation>
    </message>
    <message>
        <source>Training failed: {m}</source>
        <translation>El entrenamiento falló: {m}</translation>
    </message>
    <message>
        <source>Quit SR Studio</source>
        <translation>Salir de SR Studio</translation>
    </message>
    <message>
        <source>{n} job(s) are running. Stop them and quit? Unfinished outputs are not kept.</source>
        <translation>Trabajos en curso: {n}. ¿Detenerlos y salir? Las salidas sin terminar no se conservan.</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>Detener y salir</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Seguir ejecutando</translation>
    </message>
    <message>
        <source>Stopping the running jobs…</source>
        <translation>Deteniendo los trabajos en curso…</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <source>Ground-truth HR image (optional)</source>
        <translation>Referencia HR (opcional)</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuar</translation>
    </message>
    <message>
        <source>PSNR/SSIM of the selected output and of bicubic against the reference</source>
        <translation>PSNR/SSIM de la salida seleccionada y de la bicúbica frente a la referencia</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>No reference? The selected image is taken as ground truth, shrunk ×s with bicubic and upscaled back by each model: the same protocol as &apos;srstudio eval&apos;.</source>
        <translation>¿Sin referencia? La imagen seleccionada se toma como referencia, se reduce ×s con bicúbica y cada modelo la vuelve a ampliar: el mismo protocolo que «srstudio eval».</translation>
    </message>
    <message>
        <source>Run self-check</source>
        <translation>Ejecutar autoevaluación</translation>
    </message>
    <message>
        <source>Scores appear here as a bar chart.</source>
        <translation>Aquí aparece un gráfico de barras.</translation>
    </message>
    <message>
        <source>Show difference heat map of</source>
        <translation>Mapa de calor de diferencias de</translation>
    </message>
    <message>
        <source>Self-check</source>
        <translation>Autoevaluación</translation>
    </message>
    <message>
        <source>bicubic (always)</source>
        <translation>bicúbica (siempre)</translation>
    </message>
    <message>
        <source>No reference: the image is shrunk ×{s} and upscaled back by each model.</source>
        <translation>Sin referencia: la imagen se reduce ×{s} y cada modelo la vuelve a ampliar.</translation>
    </message>
    <message>
        <source>No reference? The selected image is taken as ground truth, shrunk ×{s} with bicubic and upscaled back by each model: the same protocol as &apos;srstudio eval&apos;.</source>
        <translation>¿Sin referencia? La imagen seleccionada se toma como referencia, se reduce ×{s} con bicúbica y cada modelo la vuelve a ampliar: el mismo protocolo que «srstudio eval».</translation>
    </message>
    <message>
        <source>Reference image</source>
        <translation>Imagen de referencia</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>Bicúbica</translation>
    </message>
    <message>
        <source>image itself</source>
        <translation>la propia imagen</translation>
    </message>
</context>
<context>
    <name>ModelCombo</name>
    <message>
        <source>MATLAB imresize, the SR baseline</source>
        <translation>imresize de MATLAB, la referencia de SR</translation>
    </message>
    <message>
        <source>bilinear</source>
        <translation>bilineal</translation>
    </message>
    <message>
        <source>pixel replication</source>
        <translation>replicación de píxeles</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Chosen per input for the chosen scale: the photo model for JPEG-compressed or noisy pictures and for videos, else quality (or fast where it scores as well); the log says which and why</source>
        <translation>Se elige para cada entrada a la escala elegida: el modelo de fotos para imágenes comprimidas en JPEG o con ruido y para vídeos; si no, calidad (o rápido donde puntúa igual); el registro indica cuál y por qué</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Calidad</translation>
    </message>
    <message>
        <source>The quality model for the chosen scale (sharper, slower)</source>
        <translation>El modelo de calidad para la escala elegida (más nítido, más lento)</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Rápido</translation>
    </message>
    <message>
        <source>The fast model for the chosen scale</source>
        <translation>El modelo rápido para la escala elegida</translation>
    </message>
    <message>
        <source>none at ×{s}</source>
        <translation>ninguno para ×{s}</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Arquitectura</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Escala</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parámetros</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>Se ejecuta con</translation>
    </message>
    <message>
        <source>SHA-256 (first 16 hex)</source>
        <translation>SHA-256 (primeros 16 hex)</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>The shipped models and the ones you imported or trained. Drop model files (.pth, .safetensors, .onnx, .param/.bin) or an Upscayl models folder here or on the main window to add them.</source>
        <translation>Los modelos incluidos y los que ha importado o entrenado. Suelte aquí o en la ventana principal archivos de modelo (.pth, .safetensors, .onnx, .param/.bin) o una carpeta de modelos de Upscayl para añadirlos.</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>Re&amp;nombrar…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Reading the model library…</source>
        <translation>Leyendo la biblioteca de modelos…</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Incluido</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>{n} models: {s} shipped, {u} yours</source>
        <translation>{n} modelos: {s} incluidos, {u} suyos</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licencia</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Uso</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Shipped models cannot be renamed or removed</source>
        <translation>Los modelos incluidos no se pueden renombrar ni eliminar</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>Renombrar modelo</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>Nuevo nombre para {name}:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renombrar</translation>
    </message>
    <message>
        <source>Renaming {name}…</source>
        <translation>Renombrando {name}…</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>Eliminar modelo</translation>
    </message>
    <message>
        <source>Remove {name}? Its file is deleted from your model folder:
{path}</source>
        <translation>¿Eliminar {name}? Su archivo se borra de su carpeta de modelos:
{path}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Removing {name}…</source>
        <translation>Eliminando {name}…</translation>
    </message>
    <message>
        <source>Not changed: {m}</source>
        <translation>No se cambió: {m}</translation>
    </message>
    <message>
        <source>Not imported: {m}</source>
        <translation>No se importó: {m}</translation>
    </message>
    <message>
        <source>{n} file(s) that are not models were left out: pictures and videos go on the main window</source>
        <translation>Se omitieron archivos que no son modelos ({n}): las imágenes y los vídeos van en la ventana principal</translation>
    </message>
</context>
<context>
    <name>QueueController</name>
    <message numerus="yes">
        <source>%n image</source>
        <translation>
            <numerusform>%n imagen</numerusform>
            <numerusform>%n imágenes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images</source>
        <translation>
            <numerusform>%n imagen</numerusform>
            <numerusform>%n imágenes</numerusform>
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
        <translation>{images} y {videos}</translation>
    </message>
    <message>
        <source>Queued {what}</source>
        <translation>Añadido a la cola: {what}</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled (%n job)</source>
        <translation>
            <numerusform>Cancelado (%n trabajo)</numerusform>
            <numerusform>Cancelado (%n trabajos)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled (%n jobs)</source>
        <translation>
            <numerusform>Cancelado (%n trabajo)</numerusform>
            <numerusform>Cancelado (%n trabajos)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n terminado</numerusform>
            <numerusform>%n terminados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n con error</numerusform>
            <numerusform>%n con error</numerusform>
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
            <numerusform>%n omitido</numerusform>
            <numerusform>%n omitidos</numerusform>
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
        <translation>Abrir imágenes o vídeos</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <source>Output exists</source>
        <translation>La salida ya existe</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}.</source>
        <translation>{name} ya existe en {folder}.</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Sobrescribir</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renombrar</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Omitir</translation>
    </message>
    <message>
        <source>Do this for every existing file</source>
        <translation>Hacer lo mismo con todos los archivos existentes</translation>
    </message>
    <message>
        <source>Nothing queued: drop or open images or videos first</source>
        <translation>No hay nada en la cola: primero suelte o abra imágenes o vídeos</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>No se puede iniciar</translation>
    </message>
    <message>
        <source>Type the server&apos;s address under Run on, or choose This computer</source>
        <translation>Escriba la dirección del servidor en «Ejecutar en» o elija «Este equipo»</translation>
    </message>
    <message>
        <source>output exists</source>
        <translation>la salida ya existe</translation>
    </message>
    <message>
        <source>Long video</source>
        <translation>Vídeo largo</translation>
    </message>
    <message>
        <source>{text}. Start it?</source>
        <translation>{text}. ¿Iniciarlo?</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>cancelando…</translation>
    </message>
    <message>
        <source>{name} → {out} ({n} frames, {fps}, {sec:.1f} s, {enc})</source>
        <translation>{name} → {out} ({n} fotogramas, {fps}, {sec:.1f} s, {enc})</translation>
    </message>
    <message>
        <source>; resumed after frame {f}</source>
        <translation>; reanudado tras el fotograma {f}</translation>
    </message>
    <message>
        <source>; colorized</source>
        <translation>; coloreado</translation>
    </message>
    <message>
        <source>{name} → {out} ({sec:.1f} s, tile {tile})</source>
        <translation>{name} → {out} ({sec:.1f} s, tesela {tile})</translation>
    </message>
    <message>
        <source>{name}: cancelled; finished parts are kept, run it again to resume</source>
        <translation>{name}: cancelado; las partes terminadas se conservan, vuelva a ejecutarlo para reanudar</translation>
    </message>
    <message>
        <source>{name}: cancelled</source>
        <translation>{name}: cancelado</translation>
    </message>
    <message>
        <source>Upscaling failed</source>
        <translation>La ampliación falló</translation>
    </message>
    <message>
        <source>stopped unexpectedly</source>
        <translation>se detuvo inesperadamente</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>queued</source>
        <translation>en cola</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminado</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>omitido</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Finished parts are kept: run it again with the same settings to continue where it stopped</source>
        <translation>Las partes terminadas se conservan: vuelva a ejecutarlo con los mismos ajustes para continuar donde se detuvo</translation>
    </message>
    <message>
        <source>{w}×{h} · {n} frames</source>
        <translation>{w}×{h} · {n} fotogramas</translation>
    </message>
    <message>
        <source>{label} — can resume</source>
        <translation>{label}: se puede reanudar</translation>
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
        <translation>Volver a ejecutar con los ajustes actuales</translation>
    </message>
    <message>
        <source>Remove from queue</source>
        <translation>Quitar de la cola</translation>
    </message>
    <message>
        <source>Show output folder</source>
        <translation>Mostrar la carpeta de salida</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>Clear list</source>
        <translation>Borrar la lista</translation>
    </message>
</context>
<context>
    <name>RemoteUpscaleWorker</name>
    <message>
        <source>no server address: type it under Run on</source>
        <translation>no hay dirección de servidor: escríbala en «Ejecutar en»</translation>
    </message>
    <message>
        <source>Running the queue on the server {s}</source>
        <translation>Ejecutando la cola en el servidor {s}</translation>
    </message>
    <message>
        <source>the server {s} has no model {m!r}: install it there, or Run on: This computer</source>
        <translation>el servidor {s} no tiene el modelo {m!r}: instálelo allí o elija «Ejecutar en: Este equipo»</translation>
    </message>
    <message>
        <source>Upscaling {name} on {server} with {model} (×{scale})</source>
        <translation>Ampliando {name} en {server} con {model} (×{scale})</translation>
    </message>
    <message>
        <source>the server&apos;s</source>
        <translation>el del servidor</translation>
    </message>
</context>
<context>
    <name>RunOnPanel</name>
    <message>
        <source>Run on</source>
        <translation>Ejecutar en</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Este equipo</translation>
    </message>
    <message>
        <source>A server</source>
        <translation>Un servidor</translation>
    </message>
    <message>
        <source>if the server has one</source>
        <translation>si el servidor lo requiere</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar la conexión</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
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
        <translation>Comprueba esta instalación: cada modelo incluido en cada backend y dispositivo encontrado, cada formato de imagen y un vídeo corto con audio.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>En curso…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Image format</source>
        <translation>Formato de imagen</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>correcto</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>ERROR</translation>
    </message>
    <message>
        <source>Running… checks done: {n}</source>
        <translation>En curso… pruebas hechas: {n}</translation>
    </message>
    <message>
        <source>Self-test failed: {f} of {t} checks failed.</source>
        <translation>Autodiagnóstico fallido ({f} de {t} pruebas con error).</translation>
    </message>
    <message>
        <source>Self-test passed: {p} of {t} checks succeeded.</source>
        <translation>Autodiagnóstico superado ({p} de {t} pruebas correctas).</translation>
    </message>
    <message>
        <source>The self-test stopped: {m}</source>
        <translation>El autodiagnóstico se detuvo: {m}</translation>
    </message>
</context>
<context>
    <name>ServerCheckWorker</name>
    <message>
        <source>Type the server&apos;s address, e.g. http://192.168.1.20:8765</source>
        <translation>Escriba la dirección del servidor, p. ej. http://192.168.1.20:8765</translation>
    </message>
    <message>
        <source>Connected: SR Studio {v} on {dev}, {n} models</source>
        <translation>Conectado: SR Studio {v} en {dev}, {n} modelos</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>PyTorch: CUDA, Apple MPS or CPU, any precision. ONNX Runtime: DirectML (Windows GPUs of any make), CUDA, CoreML or CPU, fp32. The model is converted on its first run and kept. Auto: whichever of the two ran faster when timed once on this computer (the log says which ran).</source>
        <translation>PyTorch: CUDA, Apple MPS o CPU, cualquier precisión. ONNX Runtime: DirectML (GPU de Windows de cualquier marca), CUDA, CoreML o CPU, fp32. El modelo se convierte en su primera ejecución y se conserva. Auto: el más rápido de los dos, medido una vez en este equipo (el registro indica cuál se usó).</translation>
    </message>
    <message>
        <source>ONNX Runtime runs fp32</source>
        <translation>ONNX Runtime funciona en fp32</translation>
    </message>
    <message>
        <source>Same as input</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Gray inputs, before upscaling</source>
        <translation>Entradas grises, antes de ampliar</translation>
    </message>
    <message>
        <source>Gray inputs, after upscaling</source>
        <translation>Entradas grises, después de ampliar</translation>
    </message>
    <message>
        <source>Upscale each image in its 8 flips and rotations and average the results: a little sharper (about +0.1 to +0.2 dB PSNR), 8 times slower.</source>
        <translation>Amplía cada imagen en sus 8 volteos y rotaciones y promedia los resultados: algo más nítido (unos +0,1 a +0,2 dB de PSNR), 8 veces más lento.</translation>
    </message>
    <message>
        <source>Colour black-and-white images and videos with the colorize model (Zhang et al. colorization), before or after upscaling. Colour inputs are left as they are.</source>
        <translation>Colorea imágenes y vídeos en blanco y negro con el modelo de coloreado (colorización de Zhang et al.), antes o después de ampliar. Las entradas en color se dejan como están.</translation>
    </message>
    <message>
        <source>no colorize model installed</source>
        <translation>no hay ningún modelo de coloreado instalado</translation>
    </message>
    <message>
        <source>How much of the colorizer&apos;s predicted colour to use: 0 % keeps the image gray, 100 % takes the prediction as it is. The colorizer can be badly wrong (red clouds, a yellow sky), so it starts low.</source>
        <translation>Cuánto del color previsto por el modelo se usa: 0 % deja la imagen en gris, 100 % toma la predicción tal cual. El coloreado puede equivocarse mucho (nubes rojas, un cielo amarillo), por eso empieza bajo.</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Import a .safetensors model</source>
        <translation>Importar un modelo .safetensors</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Tile size in input pixels; Auto fits free memory</source>
        <translation>Tamaño de tesela en píxeles de entrada; Auto se ajusta a la memoria libre</translation>
    </message>
    <message>
        <source>×8 self-ensemble</source>
        <translation>Autoensamble ×8</translation>
    </message>
    <message>
        <source> % colour</source>
        <translation> % de color</translation>
    </message>
    <message>
        <source>Beside each input</source>
        <translation>Junto a cada entrada</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>Elegir la carpeta de salida</translation>
    </message>
    <message>
        <source> quality</source>
        <translation> (calidad)</translation>
    </message>
    <message>
        <source>Fields: {stem}, {scale}, {model}. With colorize on, the default name ends in _color.</source>
        <translation>Campos: {stem}, {scale}, {model}. Con el coloreado activado, el nombre predeterminado termina en _color.</translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation>Cargando modelos…</translation>
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
        <translation>Precisión</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>Tesela</translation>
    </message>
    <message>
        <source>Passes</source>
        <translation>Pasadas</translation>
    </message>
    <message>
        <source>Colorize</source>
        <translation>Colorear</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Cancelar todo</translation>
    </message>
    <message>
        <source>Loading the model list…</source>
        <translation>Cargando la lista de modelos…</translation>
    </message>
    <message>
        <source>Upscale every queued file (Ctrl+Return)</source>
        <translation>Ampliar todos los archivos de la cola (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Auto ({b})</source>
        <translation>Auto ({b})</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Carpeta de salida</translation>
    </message>
</context>
<context>
    <name>TrainCurves</name>
    <message>
        <source>Loss and validation curves appear here.</source>
        <translation>Las curvas de pérdida y de validación aparecen aquí.</translation>
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
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Validation sample</source>
        <translation>Muestra de validación</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>pérdida</translation>
    </message>
    <message>
        <source>step</source>
        <translation>paso</translation>
    </message>
    <message>
        <source>validation PSNR-Y</source>
        <translation>PSNR-Y de validación</translation>
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
        <translation>MSE en luminancia (Y) + 0,1 RGB</translation>
    </message>
    <message>
        <source>Clean downscales (bicubic)</source>
        <translation>Reducciones limpias (bicúbica)</translation>
    </message>
    <message>
        <source>Camera photos (soft, slight noise, JPEG 70-90)</source>
        <translation>Fotos de cámara (suaves, algo de ruido, JPEG 70-90)</translation>
    </message>
    <message>
        <source>Real-world photos (blur, noise, resizing, JPEG twice)</source>
        <translation>Fotos reales (desenfoque, ruido, redimensionado, JPEG dos veces)</translation>
    </message>
    <message>
        <source>Training run</source>
        <translation>Sesión de entrenamiento</translation>
    </message>
    <message>
        <source>Folder of high-resolution images</source>
        <translation>Carpeta de imágenes de alta resolución</translation>
    </message>
    <message>
        <source>Optional: paired LR images (same names)</source>
        <translation>Opcional: imágenes LR emparejadas (mismos nombres)</translation>
    </message>
    <message>
        <source>Optional: default = 2 training images</source>
        <translation>Opcional: por defecto, 2 imágenes de entrenamiento</translation>
    </message>
    <message>
        <source>Name of the new model (automatic)</source>
        <translation>Nombre del nuevo modelo (automático)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sin límite</translation>
    </message>
    <message>
        <source>Stop the run (validate and export the model) after this much training time, even before the last step; the learning rate then anneals to fit the time. 0 = no limit.</source>
        <translation>Detiene el entrenamiento (valida y exporta el modelo) tras este tiempo, aunque no se haya llegado al último paso; la tasa de aprendizaje se reduce entonces para ajustarse al tiempo. 0 = sin límite.</translation>
    </message>
    <message>
        <source>How the low-resolution training inputs are made from your pictures: pick &apos;Real-world photos&apos; to fine-tune a model for JPEGs, scans and phone photos (ignored when an LR folder is given).</source>
        <translation>Cómo se obtienen las entradas de baja resolución a partir de sus imágenes: elija «Fotos reales» para ajustar un modelo a JPEG, escaneos y fotos de móvil (se ignora si se indica una carpeta LR).</translation>
    </message>
    <message>
        <source>HR folder</source>
        <translation>Carpeta HR</translation>
    </message>
    <message>
        <source>LR folder</source>
        <translation>Carpeta LR</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validación</translation>
    </message>
    <message>
        <source>Validation folder</source>
        <translation>Carpeta de validación</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>Modelo base</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
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
        <translation>Parche (px HR)</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Límite de tiempo</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>Validar cada</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tasa de aprendizaje</translation>
    </message>
    <message>
        <source>New {arch} (from scratch)</source>
        <translation>Nuevo {arch} (desde cero)</translation>
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
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Guardar como…</translation>
    </message>
    <message>
        <source>Save the trained model as a .safetensors file (SR Studio) or an .onnx file (other tools)</source>
        <translation>Guardar el modelo entrenado como archivo .safetensors (SR Studio) o .onnx (otras herramientas)</translation>
    </message>
    <message>
        <source>Add to model list</source>
        <translation>Añadir a la lista de modelos</translation>
    </message>
    <message>
        <source>Use the stopped run&apos;s best weights as a model</source>
        <translation>Usar los mejores pesos del entrenamiento detenido como modelo</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Choose an HR folder first.</source>
        <translation>Primero elija una carpeta HR.</translation>
    </message>
    <message>
        <source>Preparing data…</source>
        <translation>Preparando los datos…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Entrenando…</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>Deteniendo tras este paso…</translation>
    </message>
    <message>
        <source>Training {detail}</source>
        <translation>Entrenamiento {detail}</translation>
    </message>
    <message>
        <source>Step {s} / {t}</source>
        <translation>Paso {s} / {t}</translation>
    </message>
    <message>
        <source>time limit {m}</source>
        <translation>límite de tiempo {m}</translation>
    </message>
    <message>
        <source>Stopped at step {s}; the checkpoint is in {d}</source>
        <translation>Detenido en el paso {s}; el punto de control está en {d}</translation>
    </message>
    <message>
        <source>Stopped at step {s} of {t}. Its weights are in {d}; &apos;Add to model list&apos; makes it a model.</source>
        <translation>Detenido en el paso {s} de {t}. Sus pesos están en {d}; «Añadir a la lista de modelos» lo convierte en un modelo.</translation>
    </message>
    <message>
        <source>Training finished but import failed: {e}</source>
        <translation>El entrenamiento terminó, pero la importación falló: {e}</translation>
    </message>
    <message>
        <source>Done: {name} (best validation PSNR-Y {best}) is now in the model list.</source>
        <translation>Listo: {name} (mejor PSNR-Y de validación: {best}) ya está en la lista de modelos.</translation>
    </message>
    <message>
        <source>Time limit reached at step {s} of {t}.</source>
        <translation>Límite de tiempo alcanzado en el paso {s} de {t}.</translation>
    </message>
    <message>
        <source>Training failed: {m}</source>
        <translation>El entrenamiento falló: {m}</translation>
    </message>
    <message>
        <source>ONNX model, RGB in and out (*.onnx)</source>
        <translation>Modelo ONNX, entrada y salida RGB (*.onnx)</translation>
    </message>
    <message>
        <source>Save model as</source>
        <translation>Guardar modelo como</translation>
    </message>
    <message>
        <source>SR Studio model (*.safetensors)</source>
        <translation>Modelo de SR Studio (*.safetensors)</translation>
    </message>
    <message>
        <source>Exporting {name} to ONNX…</source>
        <translation>Exportando {name} a ONNX…</translation>
    </message>
    <message>
        <source>Saved {path} (ONNX: float32 RGB in and out)</source>
        <translation>Guardado {path} (ONNX: entrada y salida RGB float32)</translation>
    </message>
    <message>
        <source>ONNX export failed: {m}</source>
        <translation>La exportación a ONNX falló: {m}</translation>
    </message>
</context>
<context>
    <name>UpscaleWorker</name>
    <message>
        <source>colorize: {e}</source>
        <translation>coloreado: {e}</translation>
    </message>
    <message>
        <source>Upscaling {name} with {model} (×{scale}{where})</source>
        <translation>Ampliando {name} con {model} (×{scale}{where})</translation>
    </message>
    <message>
        <source>No live preview for {name}: its {w}×{h} output would need {gib:.1f} GiB more memory. The result shows when it is written.</source>
        <translation>Sin vista previa en directo de {name}: su salida de {w}×{h} necesitaría {gib:.1f} GiB más de memoria. El resultado se muestra cuando se haya escrito.</translation>
    </message>
    <message>
        <source>Upscaling video {name} with {model} (×{scale})</source>
        <translation>Ampliando el vídeo {name} con {model} (×{scale})</translation>
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
        <translation>Tasa de bits</translation>
    </message>
    <message>
        <source>Constant quality (CRF) or a target bitrate</source>
        <translation>Calidad constante (CRF) o una tasa de bits objetivo</translation>
    </message>
    <message>
        <source>Constant quality: lower is better (x264: 18 is visually lossless, 23 the default)</source>
        <translation>Calidad constante: cuanto menor, mejor (x264: 18 es visualmente sin pérdidas, 23 es el valor predeterminado)</translation>
    </message>
    <message>
        <source>Target bitrate, e.g. 8M or 2500k</source>
        <translation>Tasa de bits objetivo, p. ej. 8M o 2500k</translation>
    </message>
    <message>
        <source>Encoder speed: slower presets make smaller files</source>
        <translation>Velocidad del codificador: los ajustes más lentos generan archivos más pequeños</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>Códec</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Calidad</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Ajuste</translation>
    </message>
    <message>
        <source>Videos are written as {name}</source>
        <translation>Los vídeos se escriben como {name}</translation>
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
        <translation>Entrada · vecino más próximo</translation>
    </message>
    <message>
        <source>Live · {m}</source>
        <translation>En directo · {m}</translation>
    </message>
    <message>
        <source>Heat map · {m}</source>
        <translation>Mapa de calor · {m}</translation>
    </message>
    <message>
        <source>Select an image in the queue first.</source>
        <translation>Primero seleccione una imagen de la cola.</translation>
    </message>
    <message>
        <source>The self-check works on images, not videos.</source>
        <translation>La autoevaluación funciona con imágenes, no con vídeos.</translation>
    </message>
    <message>
        <source>{d}/{t}: {n}</source>
        <translation>{d}/{t}: {n}</translation>
    </message>
    <message>
        <source>Self-check ×{s}: </source>
        <translation>Autoevaluación ×{s}: </translation>
    </message>
    <message>
        <source> (best: {b})</source>
        <translation> (mejor: {b})</translation>
    </message>
    <message>
        <source>PSNR/SSIM</source>
        <translation>PSNR/SSIM</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Select a finished item first.</source>
        <translation>Primero seleccione un elemento terminado.</translation>
    </message>
    <message>
        <source>Reference scores work on images, not videos.</source>
        <translation>Las puntuaciones con referencia funcionan con imágenes, no con vídeos.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>En curso…</translation>
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
        <translation>Entrenar</translation>
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
