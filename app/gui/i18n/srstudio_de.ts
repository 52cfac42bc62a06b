<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name></name>
    <message>
        <source>open images</source>
        <translation>Bilder öffnen</translation>
    </message>
    <message>
        <source>open a folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>start</source>
        <translation>starten</translation>
    </message>
    <message>
        <source>cancel the selected jobs</source>
        <translation>ausgewählte Aufträge abbrechen</translation>
    </message>
    <message>
        <source>fit</source>
        <translation>einpassen</translation>
    </message>
    <message>
        <source>split wipe on/off</source>
        <translation>Trennlinie ein/aus</translation>
    </message>
    <message>
        <source>log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>import model</source>
        <translation>Modell importieren</translation>
    </message>
    <message>
        <source>manage models</source>
        <translation>Modelle verwalten</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>beenden</translation>
    </message>
    <message>
        <source>wheel / drag</source>
        <translation>Rad / Ziehen</translation>
    </message>
    <message>
        <source>zoom to cursor / pan</source>
        <translation>zum Mauszeiger zoomen / verschieben</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Open images or videos…</source>
        <translation>Bilder oder Videos ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <source>&amp;Import model…</source>
        <translation>Modell &amp;importieren…</translation>
    </message>
    <message>
        <source>Import model files (.pth, .safetensors, .onnx, .param/.bin…); dropping them on the window does too</source>
        <translation>Modelldateien importieren (.pth, .safetensors, .onnx, .param/.bin…); sie auf das Fenster zu ziehen, geht auch</translation>
    </message>
    <message>
        <source>&amp;Manage models…</source>
        <translation>Modelle &amp;verwalten…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Upscale every queued file (Ctrl+Return)</source>
        <translation>Alle Dateien der Warteschlange hochskalieren (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Cancel &amp;selected</source>
        <translation>Ausgewählte a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;Cancel all</source>
        <translation>&amp;Alle abbrechen</translation>
    </message>
    <message>
        <source>&amp;Remove finished</source>
        <translation>&amp;Fertige entfernen</translation>
    </message>
    <message>
        <source>Start &amp;automatically on drop</source>
        <translation>Beim Ablegen a&amp;utomatisch starten</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Einpassen</translation>
    </message>
    <message>
        <source>Split &amp;wipe</source>
        <translation>&amp;Trennlinie</translation>
    </message>
    <message>
        <source>&amp;About SR Studio</source>
        <translation>Ü&amp;ber SR Studio</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Self-test…</source>
        <translation>&amp;Selbsttest…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Warteschlange</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelle</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>not probed yet</source>
        <translation>noch nicht ermittelt</translation>
    </message>
    <message>
        <source>Single-image and video super-resolution, with a built-in trainer.</source>
        <translation>Superauflösung für Einzelbilder und Videos, mit eingebautem Training.</translation>
    </message>
    <message>
        <source>About SR Studio</source>
        <translation>Über SR Studio</translation>
    </message>
</context>
<context>
    <name>CatalogController</name>
    <message>
        <source>Device: {d}</source>
        <translation>Gerät: {d}</translation>
    </message>
    <message>
        <source>{n} models ({s} shipped), devices: {d}</source>
        <translation>{n} Modelle ({s} mitgeliefert), Geräte: {d}</translation>
    </message>
    <message>
        <source>Import models</source>
        <translation>Modelle importieren</translation>
    </message>
    <message>
        <source>Models (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;All files (*)</source>
        <translation>Modelle (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Importing {what}…</source>
        <translation>{what} wird importiert…</translation>
    </message>
    <message>
        <source>Imported model {name} ({arch} ×{s}, {f})</source>
        <translation>Modell {name} importiert ({arch} ×{s}, {f})</translation>
    </message>
    <message>
        <source>Not imported: {m}</source>
        <translation>Nicht importiert: {m}</translation>
    </message>
    <message>
        <source>Import model</source>
        <translation>Modell importieren</translation>
    </message>
    <message>
        <source>Renamed model {old} to {new}</source>
        <translation>Modell {old} in {new} umbenannt</translation>
    </message>
    <message>
        <source>Removed model {name}</source>
        <translation>Modell {name} entfernt</translation>
    </message>
    <message>
        <source>Trained model added: {p}</source>
        <translation>Trainiertes Modell hinzugefügt: {p}</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Drop images, videos or folders here
(or File ▸ Open, Ctrl+O)</source>
        <translation>Bilder, Videos oder Ordner hier ablegen
(oder Datei ▸ Öffnen, Strg+O)</translation>
    </message>
    <message>
        <source>The result appears here</source>
        <translation>Das Ergebnis erscheint hier</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>Split wipe</source>
        <translation>Trennlinie</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit to window (F, Ctrl+0)</source>
        <translation>An Fenster anpassen (F, Strg+0)</translation>
    </message>
    <message>
        <source>Actual pixels (1)</source>
        <translation>Originalpixel (1)</translation>
    </message>
    <message>
        <source>Left:</source>
        <translation>Links:</translation>
    </message>
    <message>
        <source>Right:</source>
        <translation>Rechts:</translation>
    </message>
</context>
<context>
    <name>CrashBox</name>
    <message>
        <source>SR Studio met an unexpected error ({what}). The details are in {path}; please attach that file to a bug report.</source>
        <translation>SR Studio ist auf einen unerwarteten Fehler gestoßen ({what}). Die Einzelheiten stehen in {path}; bitte hängen Sie diese Datei an einen Fehlerbericht an.</translation>
    </message>
</context>
<context>
    <name>HeatLegend</name>
    <message>
        <source>{n:.0f}+ levels</source>
        <translation>{n:.0f}+ Stufen</translation>
    </message>
    <message>
        <source>|model - ground truth| on luma, in 8-bit levels: black is exact, pale yellow {n:.0f} levels or more</source>
        <translation>|Modell − Referenz| der Luminanz in 8-Bit-Stufen: Schwarz ist exakt, Hellgelb {n:.0f} Stufen oder mehr</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>System default</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>The language changes when SR Studio starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von SR Studio.</translation>
    </message>
</context>
<context>
    <name>LeanBuild</name>
    <message>
        <source>Training needs PyTorch, which this build leaves out: use {full}, the full build.</source>
        <translation>Das Training braucht PyTorch, das in diesem Build fehlt: Verwenden Sie {full}, den vollständigen Build.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{q} queued · {r} running · {d} done · {e} failed</source>
        <translation>{q} wartend · {r} laufend · {d} fertig · {e} fehlgeschlagen</translation>
    </message>
    <message>
        <source>Drop images, videos or folders to start</source>
        <translation>Bilder, Videos oder Ordner ablegen, um zu beginnen</translation>
    </message>
    <message>
        <source>Training {n} for {s} steps → {o}</source>
        <translation>Trainiere {n} für {s} Schritte → {o}</translation>
    </message>
    <message>
        <source>Training failed: {m}</source>
        <translation>Training fehlgeschlagen: {m}</translation>
    </message>
    <message>
        <source>Quit SR Studio</source>
        <translation>SR Studio beenden</translation>
    </message>
    <message>
        <source>{n} job(s) are running. Stop them and quit? Unfinished outputs are not kept.</source>
        <translation>Laufende Aufträge: {n}. Anhalten und beenden? Unfertige Ausgaben werden nicht behalten.</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>Anhalten und beenden</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Stopping the running jobs…</source>
        <translation>Laufende Aufträge werden angehalten…</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <source>Ground-truth HR image (optional)</source>
        <translation>HR-Referenz (optional)</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewerten</translation>
    </message>
    <message>
        <source>PSNR/SSIM of the selected output and of bicubic against the reference</source>
        <translation>PSNR/SSIM der ausgewählten Ausgabe und der bikubischen gegenüber der Referenz</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>No reference? The selected image is taken as ground truth, shrunk ×s with bicubic and upscaled back by each model: the same protocol as &apos;srstudio eval&apos;.</source>
        <translation>Keine Referenz? Das ausgewählte Bild gilt als Referenz, wird bikubisch um ×s verkleinert und von jedem Modell wieder hochskaliert: dasselbe Verfahren wie bei „srstudio eval“.</translation>
    </message>
    <message>
        <source>Run self-check</source>
        <translation>Selbstbewertung ausführen</translation>
    </message>
    <message>
        <source>Scores appear here as a bar chart.</source>
        <translation>Hier erscheint ein Balkendiagramm.</translation>
    </message>
    <message>
        <source>Show difference heat map of</source>
        <translation>Differenz-Heatmap von</translation>
    </message>
    <message>
        <source>Self-check</source>
        <translation>Selbstbewertung</translation>
    </message>
    <message>
        <source>bicubic (always)</source>
        <translation>bikubisch (immer)</translation>
    </message>
    <message>
        <source>No reference: the image is shrunk ×{s} and upscaled back by each model.</source>
        <translation>Keine Referenz: Das Bild wird um ×{s} verkleinert und von jedem Modell wieder hochskaliert.</translation>
    </message>
    <message>
        <source>No reference? The selected image is taken as ground truth, shrunk ×{s} with bicubic and upscaled back by each model: the same protocol as &apos;srstudio eval&apos;.</source>
        <translation>Keine Referenz? Das ausgewählte Bild gilt als Referenz, wird bikubisch um ×{s} verkleinert und von jedem Modell wieder hochskaliert: dasselbe Verfahren wie bei „srstudio eval“.</translation>
    </message>
    <message>
        <source>Reference image</source>
        <translation>Referenzbild</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>Bikubisch</translation>
    </message>
    <message>
        <source>image itself</source>
        <translation>das Bild selbst</translation>
    </message>
</context>
<context>
    <name>ModelCombo</name>
    <message>
        <source>MATLAB imresize, the SR baseline</source>
        <translation>MATLAB-imresize, die SR-Vergleichsbasis</translation>
    </message>
    <message>
        <source>bilinear</source>
        <translation>bilinear</translation>
    </message>
    <message>
        <source>pixel replication</source>
        <translation>Pixelwiederholung</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Chosen per input for the chosen scale: the photo model for JPEG-compressed or noisy pictures and for videos, else quality (or fast where it scores as well); the log says which and why</source>
        <translation>Je Eingabe für den gewählten Faktor gewählt: das Fotomodell für JPEG-komprimierte oder verrauschte Bilder und für Videos, sonst Qualität (oder schnell, wo es gleich gut abschneidet); das Protokoll nennt, welches und warum</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>The quality model for the chosen scale (sharper, slower)</source>
        <translation>Das Qualitätsmodell für den gewählten Faktor (schärfer, langsamer)</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Schnell</translation>
    </message>
    <message>
        <source>The fast model for the chosen scale</source>
        <translation>Das schnelle Modell für den gewählten Faktor</translation>
    </message>
    <message>
        <source>none at ×{s}</source>
        <translation>keines für ×{s}</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Faktor</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>Läuft mit</translation>
    </message>
    <message>
        <source>SHA-256 (first 16 hex)</source>
        <translation>SHA-256 (erste 16 Hex-Ziffern)</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>The shipped models and the ones you imported or trained. Drop model files (.pth, .safetensors, .onnx, .param/.bin) or an Upscayl models folder here or on the main window to add them.</source>
        <translation>Die mitgelieferten Modelle und die, die Sie importiert oder trainiert haben. Modelldateien (.pth, .safetensors, .onnx, .param/.bin) oder einen Upscayl-Modellordner hier oder auf das Hauptfenster ziehen, um sie hinzuzufügen.</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Reading the model library…</source>
        <translation>Modellbibliothek wird gelesen…</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Mitgeliefert</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>{n} models: {s} shipped, {u} yours</source>
        <translation>{n} Modelle: {s} mitgeliefert, {u} eigene</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Zweck</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Shipped models cannot be renamed or removed</source>
        <translation>Mitgelieferte Modelle können nicht umbenannt oder entfernt werden</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>Modell umbenennen</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>Neuer Name für {name}:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Renaming {name}…</source>
        <translation>{name} wird umbenannt…</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>Modell entfernen</translation>
    </message>
    <message>
        <source>Remove {name}? Its file is deleted from your model folder:
{path}</source>
        <translation>{name} entfernen? Die Datei wird aus Ihrem Modellordner gelöscht:
{path}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Removing {name}…</source>
        <translation>{name} wird entfernt…</translation>
    </message>
    <message>
        <source>Not changed: {m}</source>
        <translation>Nicht geändert: {m}</translation>
    </message>
    <message>
        <source>Not imported: {m}</source>
        <translation>Nicht importiert: {m}</translation>
    </message>
    <message>
        <source>{n} file(s) that are not models were left out: pictures and videos go on the main window</source>
        <translation>Dateien, die keine Modelle sind, wurden ausgelassen ({n}): Bilder und Videos gehören auf das Hauptfenster</translation>
    </message>
</context>
<context>
    <name>QueueController</name>
    <message numerus="yes">
        <source>%n image</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n video</source>
        <translation>
            <numerusform>%n Video</numerusform>
            <numerusform>%n Videos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n videos</source>
        <translation>
            <numerusform>%n Video</numerusform>
            <numerusform>%n Videos</numerusform>
        </translation>
    </message>
    <message>
        <source>{images} and {videos}</source>
        <translation>{images} und {videos}</translation>
    </message>
    <message>
        <source>Queued {what}</source>
        <translation>In die Warteschlange gestellt: {what}</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled (%n job)</source>
        <translation>
            <numerusform>Abgebrochen (%n Auftrag)</numerusform>
            <numerusform>Abgebrochen (%n Aufträge)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled (%n jobs)</source>
        <translation>
            <numerusform>Abgebrochen (%n Auftrag)</numerusform>
            <numerusform>Abgebrochen (%n Aufträge)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n fertig</numerusform>
            <numerusform>%n fertig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n abgebrochen</numerusform>
            <numerusform>%n abgebrochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n übersprungen</numerusform>
            <numerusform>%n übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>separator of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Finished: {parts}</source>
        <translation>Beendet: {parts}</translation>
    </message>
    <message>
        <source>Open images or videos</source>
        <translation>Bilder oder Videos öffnen</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Output exists</source>
        <translation>Ausgabe existiert bereits</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}.</source>
        <translation>{name} existiert bereits in {folder}.</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Do this for every existing file</source>
        <translation>Für jede vorhandene Datei so verfahren</translation>
    </message>
    <message>
        <source>Nothing queued: drop or open images or videos first</source>
        <translation>Nichts in der Warteschlange: zuerst Bilder oder Videos ablegen oder öffnen</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>Start nicht möglich</translation>
    </message>
    <message>
        <source>Type the server&apos;s address under Run on, or choose This computer</source>
        <translation>Die Adresse des Servers unter „Ausführen auf“ eingeben oder „Dieser Computer“ wählen</translation>
    </message>
    <message>
        <source>output exists</source>
        <translation>Ausgabe existiert</translation>
    </message>
    <message>
        <source>Long video</source>
        <translation>Langes Video</translation>
    </message>
    <message>
        <source>{text}. Start it?</source>
        <translation>{text}. Starten?</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>wird abgebrochen…</translation>
    </message>
    <message>
        <source>{name} → {out} ({n} frames, {fps}, {sec:.1f} s, {enc})</source>
        <translation>{name} → {out} ({n} Bilder, {fps}, {sec:.1f} s, {enc})</translation>
    </message>
    <message>
        <source>; resumed after frame {f}</source>
        <translation>; fortgesetzt nach Bild {f}</translation>
    </message>
    <message>
        <source>; colorized</source>
        <translation>; eingefärbt</translation>
    </message>
    <message>
        <source>{name} → {out} ({sec:.1f} s, tile {tile})</source>
        <translation>{name} → {out} ({sec:.1f} s, Kachel {tile})</translation>
    </message>
    <message>
        <source>{name}: cancelled; finished parts are kept, run it again to resume</source>
        <translation>{name}: abgebrochen; fertige Teile bleiben erhalten, erneut ausführen zum Fortsetzen</translation>
    </message>
    <message>
        <source>{name}: cancelled</source>
        <translation>{name}: abgebrochen</translation>
    </message>
    <message>
        <source>Upscaling failed</source>
        <translation>Hochskalieren fehlgeschlagen</translation>
    </message>
    <message>
        <source>stopped unexpectedly</source>
        <translation>unerwartet beendet</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>queued</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Finished parts are kept: run it again with the same settings to continue where it stopped</source>
        <translation>Fertige Teile bleiben erhalten: Mit denselben Einstellungen erneut ausführen, um dort fortzusetzen, wo es stoppte</translation>
    </message>
    <message>
        <source>{w}×{h} · {n} frames</source>
        <translation>{w}×{h} · {n} Bilder</translation>
    </message>
    <message>
        <source>{label} — can resume</source>
        <translation>{label} — fortsetzbar</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Run again with current settings</source>
        <translation>Mit aktuellen Einstellungen erneut ausführen</translation>
    </message>
    <message>
        <source>Remove from queue</source>
        <translation>Aus der Warteschlange entfernen</translation>
    </message>
    <message>
        <source>Show output folder</source>
        <translation>Ausgabeordner anzeigen</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>Clear list</source>
        <translation>Liste leeren</translation>
    </message>
</context>
<context>
    <name>RemoteUpscaleWorker</name>
    <message>
        <source>no server address: type it under Run on</source>
        <translation>keine Serveradresse: unter „Ausführen auf“ eingeben</translation>
    </message>
    <message>
        <source>Running the queue on the server {s}</source>
        <translation>Warteschlange läuft auf dem Server {s}</translation>
    </message>
    <message>
        <source>the server {s} has no model {m!r}: install it there, or Run on: This computer</source>
        <translation>der Server {s} hat kein Modell {m!r}: dort installieren oder „Ausführen auf: Dieser Computer“</translation>
    </message>
    <message>
        <source>Upscaling {name} on {server} with {model} (×{scale})</source>
        <translation>{name} wird auf {server} mit {model} hochskaliert (×{scale})</translation>
    </message>
    <message>
        <source>the server&apos;s</source>
        <translation>der des Servers</translation>
    </message>
</context>
<context>
    <name>RunOnPanel</name>
    <message>
        <source>Run on</source>
        <translation>Ausführen auf</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>A server</source>
        <translation>Ein Server</translation>
    </message>
    <message>
        <source>if the server has one</source>
        <translation>falls der Server einen hat</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
</context>
<context>
    <name>SelftestDialog</name>
    <message>
        <source>Self-test</source>
        <translation>Selbsttest</translation>
    </message>
    <message>
        <source>Checks this installation: every shipped model on every backend and device found, each image format, and a short video with audio.</source>
        <translation>Prüft diese Installation: jedes mitgelieferte Modell auf jedem gefundenen Backend und Gerät, jedes Bildformat und ein kurzes Video mit Ton.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Image format</source>
        <translation>Bildformat</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>Running… checks done: {n}</source>
        <translation>Läuft… erledigte Prüfungen: {n}</translation>
    </message>
    <message>
        <source>Self-test failed: {f} of {t} checks failed.</source>
        <translation>Selbsttest fehlgeschlagen: {f} von {t} Prüfungen fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Self-test passed: {p} of {t} checks succeeded.</source>
        <translation>Selbsttest bestanden: {p} von {t} Prüfungen erfolgreich.</translation>
    </message>
    <message>
        <source>The self-test stopped: {m}</source>
        <translation>Der Selbsttest wurde abgebrochen: {m}</translation>
    </message>
</context>
<context>
    <name>ServerCheckWorker</name>
    <message>
        <source>Type the server&apos;s address, e.g. http://192.168.1.20:8765</source>
        <translation>Die Adresse des Servers eingeben, z. B. http://192.168.1.20:8765</translation>
    </message>
    <message>
        <source>Connected: SR Studio {v} on {dev}, {n} models</source>
        <translation>Verbunden: SR Studio {v} auf {dev}, {n} Modelle</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>PyTorch: CUDA, Apple MPS or CPU, any precision. ONNX Runtime: DirectML (Windows GPUs of any make), CUDA, CoreML or CPU, fp32. The model is converted on its first run and kept. Auto: whichever of the two ran faster when timed once on this computer (the log says which ran).</source>
        <translation>PyTorch: CUDA, Apple MPS oder CPU, jede Genauigkeit. ONNX Runtime: DirectML (Windows-GPUs jedes Herstellers), CUDA, CoreML oder CPU, fp32. Das Modell wird beim ersten Lauf umgewandelt und aufbewahrt. Auto: die schnellere der beiden, einmal auf diesem Computer gemessen (das Protokoll nennt, was lief).</translation>
    </message>
    <message>
        <source>ONNX Runtime runs fp32</source>
        <translation>ONNX Runtime rechnet in fp32</translation>
    </message>
    <message>
        <source>Same as input</source>
        <translation>Wie Eingabe</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Gray inputs, before upscaling</source>
        <translation>Graue Eingaben, vor dem Hochskalieren</translation>
    </message>
    <message>
        <source>Gray inputs, after upscaling</source>
        <translation>Graue Eingaben, nach dem Hochskalieren</translation>
    </message>
    <message>
        <source>Upscale each image in its 8 flips and rotations and average the results: a little sharper (about +0.1 to +0.2 dB PSNR), 8 times slower.</source>
        <translation>Jedes Bild in seinen 8 Spiegelungen und Drehungen hochskalieren und die Ergebnisse mitteln: etwas schärfer (etwa +0,1 bis +0,2 dB PSNR), 8-mal langsamer.</translation>
    </message>
    <message>
        <source>Colour black-and-white images and videos with the colorize model (Zhang et al. colorization), before or after upscaling. Colour inputs are left as they are.</source>
        <translation>Schwarzweiße Bilder und Videos mit dem Einfärbemodell (Zhang et al. colorization) färben, vor oder nach dem Hochskalieren. Farbige Eingaben bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>no colorize model installed</source>
        <translation>kein Einfärbemodell installiert</translation>
    </message>
    <message>
        <source>How much of the colorizer&apos;s predicted colour to use: 0 % keeps the image gray, 100 % takes the prediction as it is. The colorizer can be badly wrong (red clouds, a yellow sky), so it starts low.</source>
        <translation>Wie viel der vorhergesagten Farbe verwendet wird: 0 % lässt das Bild grau, 100 % übernimmt die Vorhersage unverändert. Das Einfärben kann sich gründlich irren (rote Wolken, ein gelber Himmel), daher beginnt es niedrig.</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>Import a .safetensors model</source>
        <translation>Ein .safetensors-Modell importieren</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Tile size in input pixels; Auto fits free memory</source>
        <translation>Kachelgröße in Eingabepixeln; Auto richtet sich nach dem freien Speicher</translation>
    </message>
    <message>
        <source>×8 self-ensemble</source>
        <translation>×8-Selbstensemble</translation>
    </message>
    <message>
        <source> % colour</source>
        <translation> % Farbe</translation>
    </message>
    <message>
        <source>Beside each input</source>
        <translation>Neben jeder Eingabe</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>Ausgabeordner wählen</translation>
    </message>
    <message>
        <source> quality</source>
        <translation> Qualität</translation>
    </message>
    <message>
        <source>Fields: {stem}, {scale}, {model}. With colorize on, the default name ends in _color.</source>
        <translation>Felder: {stem}, {scale}, {model}. Mit Einfärben endet der Standardname auf _color.</translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation>Modelle werden geladen…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Faktor</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>Kachel</translation>
    </message>
    <message>
        <source>Passes</source>
        <translation>Durchläufe</translation>
    </message>
    <message>
        <source>Colorize</source>
        <translation>Einfärben</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Alle abbrechen</translation>
    </message>
    <message>
        <source>Loading the model list…</source>
        <translation>Modellliste wird geladen…</translation>
    </message>
    <message>
        <source>Upscale every queued file (Ctrl+Return)</source>
        <translation>Alle Dateien der Warteschlange hochskalieren (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Auto ({b})</source>
        <translation>Auto ({b})</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
</context>
<context>
    <name>TrainCurves</name>
    <message>
        <source>Loss and validation curves appear here.</source>
        <translation>Verlust- und Validierungskurven erscheinen hier.</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>Bikubisch</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Ground truth</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Validation sample</source>
        <translation>Validierungsbeispiel</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>validation PSNR-Y</source>
        <translation>Validierungs-PSNR-Y</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>bicubic</source>
        <translation>bikubisch</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <source>MSE on luma (Y) + 0.1 RGB</source>
        <translation>MSE auf Luminanz (Y) + 0,1 RGB</translation>
    </message>
    <message>
        <source>Clean downscales (bicubic)</source>
        <translation>Saubere Verkleinerungen (bikubisch)</translation>
    </message>
    <message>
        <source>Camera photos (soft, slight noise, JPEG 70-90)</source>
        <translation>Kamerafotos (weich, leichtes Rauschen, JPEG 70–90)</translation>
    </message>
    <message>
        <source>Real-world photos (blur, noise, resizing, JPEG twice)</source>
        <translation>Echte Fotos (Unschärfe, Rauschen, Skalierung, zweimal JPEG)</translation>
    </message>
    <message>
        <source>Training run</source>
        <translation>Trainingslauf</translation>
    </message>
    <message>
        <source>Folder of high-resolution images</source>
        <translation>Ordner mit hochaufgelösten Bildern</translation>
    </message>
    <message>
        <source>Optional: paired LR images (same names)</source>
        <translation>Optional: passende LR-Bilder (gleiche Namen)</translation>
    </message>
    <message>
        <source>Optional: default = 2 training images</source>
        <translation>Optional: Standard = 2 Trainingsbilder</translation>
    </message>
    <message>
        <source>Name of the new model (automatic)</source>
        <translation>Name des neuen Modells (automatisch)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Kein Limit</translation>
    </message>
    <message>
        <source>Stop the run (validate and export the model) after this much training time, even before the last step; the learning rate then anneals to fit the time. 0 = no limit.</source>
        <translation>Den Lauf nach so viel Trainingszeit beenden (validieren und das Modell exportieren), auch vor dem letzten Schritt; die Lernrate sinkt dann passend zur Zeit. 0 = kein Limit.</translation>
    </message>
    <message>
        <source>How the low-resolution training inputs are made from your pictures: pick &apos;Real-world photos&apos; to fine-tune a model for JPEGs, scans and phone photos (ignored when an LR folder is given).</source>
        <translation>Wie die niedrig aufgelösten Trainingseingaben aus Ihren Bildern entstehen: „Echte Fotos“ wählen, um ein Modell für JPEGs, Scans und Handyfotos nachzutrainieren (ignoriert, wenn ein LR-Ordner angegeben ist).</translation>
    </message>
    <message>
        <source>HR folder</source>
        <translation>HR-Ordner</translation>
    </message>
    <message>
        <source>LR folder</source>
        <translation>LR-Ordner</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Validation folder</source>
        <translation>Validierungsordner</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>Basismodell</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Faktor</translation>
    </message>
    <message>
        <source>LR inputs</source>
        <translation>LR-Eingaben</translation>
    </message>
    <message>
        <source>Patch (HR px)</source>
        <translation>Ausschnitt (HR-px)</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>Validieren alle</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>New {arch} (from scratch)</source>
        <translation>Neues {arch} (von Grund auf)</translation>
    </message>
    <message>
        <source>Fine-tune {name} (×{scale})</source>
        <translation>{name} nachtrainieren (×{scale})</translation>
    </message>
</context>
<context>
    <name>TrainerTab</name>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Save the trained model as a .safetensors file (SR Studio) or an .onnx file (other tools)</source>
        <translation>Das trainierte Modell als .safetensors-Datei (SR Studio) oder als .onnx-Datei (andere Programme) speichern</translation>
    </message>
    <message>
        <source>Add to model list</source>
        <translation>Zur Modellliste hinzufügen</translation>
    </message>
    <message>
        <source>Use the stopped run&apos;s best weights as a model</source>
        <translation>Die besten Gewichte des angehaltenen Laufs als Modell verwenden</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Choose an HR folder first.</source>
        <translation>Zuerst einen HR-Ordner wählen.</translation>
    </message>
    <message>
        <source>Preparing data…</source>
        <translation>Daten werden vorbereitet…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Training läuft…</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>Anhalten nach diesem Schritt…</translation>
    </message>
    <message>
        <source>Training {detail}</source>
        <translation>Training {detail}</translation>
    </message>
    <message>
        <source>Step {s} / {t}</source>
        <translation>Schritt {s} / {t}</translation>
    </message>
    <message>
        <source>time limit {m}</source>
        <translation>Zeitlimit {m}</translation>
    </message>
    <message>
        <source>Stopped at step {s}; the checkpoint is in {d}</source>
        <translation>Bei Schritt {s} angehalten; der Checkpoint liegt in {d}</translation>
    </message>
    <message>
        <source>Stopped at step {s} of {t}. Its weights are in {d}; &apos;Add to model list&apos; makes it a model.</source>
        <translation>Bei Schritt {s} von {t} angehalten. Die Gewichte liegen in {d}; „Zur Modellliste hinzufügen“ macht daraus ein Modell.</translation>
    </message>
    <message>
        <source>Training finished but import failed: {e}</source>
        <translation>Training beendet, aber der Import schlug fehl: {e}</translation>
    </message>
    <message>
        <source>Done: {name} (best validation PSNR-Y {best}) is now in the model list.</source>
        <translation>Fertig: {name} (beste Validierungs-PSNR-Y {best}) ist jetzt in der Modellliste.</translation>
    </message>
    <message>
        <source>Time limit reached at step {s} of {t}.</source>
        <translation>Zeitlimit bei Schritt {s} von {t} erreicht.</translation>
    </message>
    <message>
        <source>Training failed: {m}</source>
        <translation>Training fehlgeschlagen: {m}</translation>
    </message>
    <message>
        <source>ONNX model, RGB in and out (*.onnx)</source>
        <translation>ONNX-Modell, RGB ein und aus (*.onnx)</translation>
    </message>
    <message>
        <source>Save model as</source>
        <translation>Modell speichern unter</translation>
    </message>
    <message>
        <source>SR Studio model (*.safetensors)</source>
        <translation>SR-Studio-Modell (*.safetensors)</translation>
    </message>
    <message>
        <source>Exporting {name} to ONNX…</source>
        <translation>{name} wird nach ONNX exportiert…</translation>
    </message>
    <message>
        <source>Saved {path} (ONNX: float32 RGB in and out)</source>
        <translation>{path} gespeichert (ONNX: float32-RGB ein und aus)</translation>
    </message>
    <message>
        <source>ONNX export failed: {m}</source>
        <translation>ONNX-Export fehlgeschlagen: {m}</translation>
    </message>
</context>
<context>
    <name>UpscaleWorker</name>
    <message>
        <source>colorize: {e}</source>
        <translation>Einfärben: {e}</translation>
    </message>
    <message>
        <source>Upscaling {name} with {model} (×{scale}{where})</source>
        <translation>{name} wird mit {model} hochskaliert (×{scale}{where})</translation>
    </message>
    <message>
        <source>No live preview for {name}: its {w}×{h} output would need {gib:.1f} GiB more memory. The result shows when it is written.</source>
        <translation>Keine Live-Vorschau für {name}: Die Ausgabe von {w}×{h} bräuchte {gib:.1f} GiB mehr Speicher. Das Ergebnis erscheint, sobald es geschrieben ist.</translation>
    </message>
    <message>
        <source>Upscaling video {name} with {model} (×{scale})</source>
        <translation>Video {name} wird mit {model} hochskaliert (×{scale})</translation>
    </message>
</context>
<context>
    <name>VideoSettings</name>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>CRF</source>
        <translation>CRF</translation>
    </message>
    <message>
        <source>Bitrate</source>
        <translation>Bitrate</translation>
    </message>
    <message>
        <source>Constant quality (CRF) or a target bitrate</source>
        <translation>Konstante Qualität (CRF) oder eine Ziel-Bitrate</translation>
    </message>
    <message>
        <source>Constant quality: lower is better (x264: 18 is visually lossless, 23 the default)</source>
        <translation>Konstante Qualität: niedriger ist besser (x264: 18 ist visuell verlustfrei, 23 der Standard)</translation>
    </message>
    <message>
        <source>Target bitrate, e.g. 8M or 2500k</source>
        <translation>Ziel-Bitrate, z. B. 8M oder 2500k</translation>
    </message>
    <message>
        <source>Encoder speed: slower presets make smaller files</source>
        <translation>Encoder-Geschwindigkeit: langsamere Voreinstellungen ergeben kleinere Dateien</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>Codec</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Voreinstellung</translation>
    </message>
    <message>
        <source>Videos are written as {name}</source>
        <translation>Videos werden als {name} geschrieben</translation>
    </message>
</context>
<context>
    <name>ViewerController</name>
    <message>
        <source>Input · smooth</source>
        <translation>Eingabe · geglättet</translation>
    </message>
    <message>
        <source>Input · nearest</source>
        <translation>Eingabe · Nächster Nachbar</translation>
    </message>
    <message>
        <source>Live · {m}</source>
        <translation>Live · {m}</translation>
    </message>
    <message>
        <source>Heat map · {m}</source>
        <translation>Heatmap · {m}</translation>
    </message>
    <message>
        <source>Select an image in the queue first.</source>
        <translation>Zuerst ein Bild in der Warteschlange auswählen.</translation>
    </message>
    <message>
        <source>The self-check works on images, not videos.</source>
        <translation>Die Selbstbewertung funktioniert mit Bildern, nicht mit Videos.</translation>
    </message>
    <message>
        <source>{d}/{t}: {n}</source>
        <translation>{d}/{t}: {n}</translation>
    </message>
    <message>
        <source>Self-check ×{s}: </source>
        <translation>Selbstbewertung ×{s}: </translation>
    </message>
    <message>
        <source> (best: {b})</source>
        <translation> (am besten: {b})</translation>
    </message>
    <message>
        <source>PSNR/SSIM</source>
        <translation>PSNR/SSIM</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Select a finished item first.</source>
        <translation>Zuerst einen fertigen Eintrag auswählen.</translation>
    </message>
    <message>
        <source>Reference scores work on images, not videos.</source>
        <translation>Referenzwerte funktionieren mit Bildern, nicht mit Videos.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>win</name>
    <message>
        <source>Upscale</source>
        <translation>Hochskalieren</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
</context>
</TS>
