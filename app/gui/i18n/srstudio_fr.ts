<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
    <message>
        <source>open images</source>
        <translation>ouvrir des images</translation>
    </message>
    <message>
        <source>open a folder</source>
        <translation>ouvrir un dossier</translation>
    </message>
    <message>
        <source>start</source>
        <translation>démarrer</translation>
    </message>
    <message>
        <source>cancel the selected jobs</source>
        <translation>annuler les tâches sélectionnées</translation>
    </message>
    <message>
        <source>fit</source>
        <translation>ajuster à la fenêtre</translation>
    </message>
    <message>
        <source>split wipe on/off</source>
        <translation>écran partagé oui/non</translation>
    </message>
    <message>
        <source>log</source>
        <translation>journal</translation>
    </message>
    <message>
        <source>import model</source>
        <translation>importer un modèle</translation>
    </message>
    <message>
        <source>manage models</source>
        <translation>gérer les modèles</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>quitter</translation>
    </message>
    <message>
        <source>wheel / drag</source>
        <translation>molette / glisser</translation>
    </message>
    <message>
        <source>zoom to cursor / pan</source>
        <translation>zoom vers le curseur / déplacer</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;Open images or videos…</source>
        <translation>&amp;Ouvrir des images ou des vidéos…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>Ouvrir un &amp;dossier…</translation>
    </message>
    <message>
        <source>&amp;Import model…</source>
        <translation>&amp;Importer un modèle…</translation>
    </message>
    <message>
        <source>Import model files (.pth, .safetensors, .onnx, .param/.bin…); dropping them on the window does too</source>
        <translation>Importer des fichiers de modèle (.pth, .safetensors, .onnx, .param/.bin…) ; les déposer sur la fenêtre fonctionne aussi</translation>
    </message>
    <message>
        <source>&amp;Manage models…</source>
        <translation>&amp;Gérer les modèles…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>Upscale every queued file (Ctrl+Return)</source>
        <translation>Agrandir tous les fichiers de la file d&apos;attente (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Cancel &amp;selected</source>
        <translation>Annuler la &amp;sélection</translation>
    </message>
    <message>
        <source>&amp;Cancel all</source>
        <translation>Tout a&amp;nnuler</translation>
    </message>
    <message>
        <source>&amp;Remove finished</source>
        <translation>&amp;Retirer les terminés</translation>
    </message>
    <message>
        <source>Start &amp;automatically on drop</source>
        <translation>Démarrer &amp;automatiquement au dépôt</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Ajuster</translation>
    </message>
    <message>
        <source>Split &amp;wipe</source>
        <translation>Écran &amp;partagé</translation>
    </message>
    <message>
        <source>&amp;About SR Studio</source>
        <translation>À &amp;propos de SR Studio</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;Self-test…</source>
        <translation>&amp;Autodiagnostic…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>File d&apos;a&amp;ttente</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modèles</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>Lan&amp;gue</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>not probed yet</source>
        <translation>pas encore détecté</translation>
    </message>
    <message>
        <source>Single-image and video super-resolution, with a built-in trainer.</source>
        <translation>Super-résolution d&apos;images et de vidéos, avec entraînement intégré.</translation>
    </message>
    <message>
        <source>About SR Studio</source>
        <translation>À propos de SR Studio</translation>
    </message>
</context>
<context>
    <name>CatalogController</name>
    <message>
        <source>Device: {d}</source>
        <translation>Appareil&#xa0;: {d}</translation>
    </message>
    <message>
        <source>{n} models ({s} shipped), devices: {d}</source>
        <translation>{n} modèles ({s} fournis), appareils&#xa0;: {d}</translation>
    </message>
    <message>
        <source>Import models</source>
        <translation>Importer des modèles</translation>
    </message>
    <message>
        <source>Models (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;All files (*)</source>
        <translation>Modèles (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Importing {what}…</source>
        <translation>Import de {what}…</translation>
    </message>
    <message>
        <source>Imported model {name} ({arch} ×{s}, {f})</source>
        <translation>Modèle {name} importé ({arch} ×{s}, {f})</translation>
    </message>
    <message>
        <source>Not imported: {m}</source>
        <translation>Non importé&#xa0;: {m}</translation>
    </message>
    <message>
        <source>Import model</source>
        <translation>Importer un modèle</translation>
    </message>
    <message>
        <source>Renamed model {old} to {new}</source>
        <translation>Modèle {old} renommé en {new}</translation>
    </message>
    <message>
        <source>Removed model {name}</source>
        <translation>Modèle {name} supprimé</translation>
    </message>
    <message>
        <source>Trained model added: {p}</source>
        <translation>Modèle entraîné ajouté&#xa0;: {p}</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Drop images, videos or folders here
(or File ▸ Open, Ctrl+O)</source>
        <translation>Déposez ici des images, des vidéos ou des dossiers
(ou Fichier ▸ Ouvrir, Ctrl+O)</translation>
    </message>
    <message>
        <source>The result appears here</source>
        <translation>Le résultat s&apos;affiche ici</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <source>Split wipe</source>
        <translation>Écran partagé</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Fit to window (F, Ctrl+0)</source>
        <translation>Ajuster à la fenêtre (F, Ctrl+0)</translation>
    </message>
    <message>
        <source>Actual pixels (1)</source>
        <translation>Pixels réels (1)</translation>
    </message>
    <message>
        <source>Left:</source>
        <translation>Gauche&#xa0;:</translation>
    </message>
    <message>
        <source>Right:</source>
        <translation>Droite&#xa0;:</translation>
    </message>
</context>
<context>
    <name>CrashBox</name>
    <message>
        <source>SR Studio met an unexpected error ({what}). The details are in {path}; please attach that file to a bug report.</source>
        <translation>SR Studio a rencontré une erreur inattendue ({what}). Les détails sont dans {path}&#xa0;; joignez ce fichier à un rapport de bogue.</translation>
    </message>
</context>
<context>
    <name>HeatLegend</name>
    <message>
        <source>{n:.0f}+ levels</source>
        <translation>{n:.0f}+ niveaux</translation>
    </message>
    <message>
        <source>|model - ground truth| on luma, in 8-bit levels: black is exact, pale yellow {n:.0f} levels or more</source>
        <translation>|modèle − référence| sur la luminance, en niveaux 8 bits&#xa0;: noir = exact, jaune pâle = {n:.0f} niveaux ou plus</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>The language changes when SR Studio starts again.</source>
        <translation>La langue changera au prochain démarrage de SR Studio.</translation>
    </message>
</context>
<context>
    <name>LeanBuild</name>
    <message>
        <source>Training needs PyTorch, which this build leaves out: use {full}, the full build.</source>
        <translation>L&apos;entraînement nécessite PyTorch, absent de cette version&#xa0;: utilisez {full}, la version complète.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{q} queued · {r} running · {d} done · {e} failed</source>
        <translation>{q} en attente · {r} en cours · {d} terminés · {e} en échec</translation>
    </message>
    <message>
        <source>Drop images, videos or folders to start</source>
        <translation>Déposez des images, des vidéos ou des dossiers pour commencer</translation>
    </message>
    <message>
        <source>Training {n} for {s} steps → {o}</source>
        <translation>Entraînement de {n} sur {s} étapes → {o}</translation>
    </message>
    <message>
        <source>Training failed: {m}</source>
        <translation>Échec de l&apos;entraînement&#xa0;: {m}</translation>
    </message>
    <message>
        <source>Quit SR Studio</source>
        <translation>Quitter SR Studio</translation>
    </message>
    <message>
        <source>{n} job(s) are running. Stop them and quit? Unfinished outputs are not kept.</source>
        <translation>Tâches en cours&#xa0;: {n}. Les arrêter et quitter&#xa0;? Les sorties inachevées ne sont pas conservées.</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>Arrêter et quitter</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Stopping the running jobs…</source>
        <translation>Arrêt des tâches en cours…</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <source>Ground-truth HR image (optional)</source>
        <translation>Référence HR (facultatif)</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Évaluer</translation>
    </message>
    <message>
        <source>PSNR/SSIM of the selected output and of bicubic against the reference</source>
        <translation>PSNR/SSIM de la sortie sélectionnée et du bicubique par rapport à la référence</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>No reference? The selected image is taken as ground truth, shrunk ×s with bicubic and upscaled back by each model: the same protocol as &apos;srstudio eval&apos;.</source>
        <translation>Pas de référence&#xa0;? L&apos;image sélectionnée sert de référence, est réduite ×s en bicubique puis agrandie par chaque modèle&#xa0;: le même protocole que «&#xa0;srstudio eval&#xa0;».</translation>
    </message>
    <message>
        <source>Run self-check</source>
        <translation>Lancer l&apos;auto-évaluation</translation>
    </message>
    <message>
        <source>Scores appear here as a bar chart.</source>
        <translation>Ici s&apos;affiche un histogramme.</translation>
    </message>
    <message>
        <source>Show difference heat map of</source>
        <translation>Carte thermique des écarts de</translation>
    </message>
    <message>
        <source>Self-check</source>
        <translation>Auto-évaluation</translation>
    </message>
    <message>
        <source>bicubic (always)</source>
        <translation>bicubique (toujours)</translation>
    </message>
    <message>
        <source>No reference: the image is shrunk ×{s} and upscaled back by each model.</source>
        <translation>Sans référence&#xa0;: l&apos;image est réduite ×{s} puis agrandie par chaque modèle.</translation>
    </message>
    <message>
        <source>No reference? The selected image is taken as ground truth, shrunk ×{s} with bicubic and upscaled back by each model: the same protocol as &apos;srstudio eval&apos;.</source>
        <translation>Pas de référence&#xa0;? L&apos;image sélectionnée sert de référence, est réduite ×{s} en bicubique puis agrandie par chaque modèle&#xa0;: le même protocole que «&#xa0;srstudio eval&#xa0;».</translation>
    </message>
    <message>
        <source>Reference image</source>
        <translation>Image de référence</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>Bicubique</translation>
    </message>
    <message>
        <source>image itself</source>
        <translation>l&apos;image elle-même</translation>
    </message>
</context>
<context>
    <name>ModelCombo</name>
    <message>
        <source>MATLAB imresize, the SR baseline</source>
        <translation>imresize de MATLAB, la référence de la SR</translation>
    </message>
    <message>
        <source>bilinear</source>
        <translation>bilinéaire</translation>
    </message>
    <message>
        <source>pixel replication</source>
        <translation>réplication des pixels</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Chosen per input for the chosen scale: the photo model for JPEG-compressed or noisy pictures and for videos, else quality (or fast where it scores as well); the log says which and why</source>
        <translation>Choisi pour chaque entrée à l&apos;échelle choisie&#xa0;: le modèle photo pour les images compressées en JPEG ou bruitées et pour les vidéos, sinon qualité (ou rapide là où il obtient le même score)&#xa0;; le journal indique lequel et pourquoi</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualité</translation>
    </message>
    <message>
        <source>The quality model for the chosen scale (sharper, slower)</source>
        <translation>Le modèle qualité pour l&apos;échelle choisie (plus net, plus lent)</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Rapide</translation>
    </message>
    <message>
        <source>The fast model for the chosen scale</source>
        <translation>Le modèle rapide pour l&apos;échelle choisie</translation>
    </message>
    <message>
        <source>none at ×{s}</source>
        <translation>aucun pour ×{s}</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architecture</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Échelle</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>S&apos;exécute avec</translation>
    </message>
    <message>
        <source>SHA-256 (first 16 hex)</source>
        <translation>SHA-256 (16 premiers hex)</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>The shipped models and the ones you imported or trained. Drop model files (.pth, .safetensors, .onnx, .param/.bin) or an Upscayl models folder here or on the main window to add them.</source>
        <translation>Les modèles fournis et ceux que vous avez importés ou entraînés. Déposez ici ou sur la fenêtre principale des fichiers de modèle (.pth, .safetensors, .onnx, .param/.bin) ou un dossier de modèles Upscayl pour les ajouter.</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>Re&amp;nommer…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Reading the model library…</source>
        <translation>Lecture de la bibliothèque de modèles…</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Fourni</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé</translation>
    </message>
    <message>
        <source>{n} models: {s} shipped, {u} yours</source>
        <translation>{n} modèles&#xa0;: {s} fournis, {u} à vous</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Shipped models cannot be renamed or removed</source>
        <translation>Les modèles fournis ne peuvent être ni renommés ni supprimés</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>Renommer le modèle</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>Nouveau nom pour {name}&#xa0;:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Renaming {name}…</source>
        <translation>Renommage de {name}…</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>Supprimer le modèle</translation>
    </message>
    <message>
        <source>Remove {name}? Its file is deleted from your model folder:
{path}</source>
        <translation>Supprimer {name}&#xa0;? Son fichier est effacé de votre dossier de modèles&#xa0;:
{path}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Removing {name}…</source>
        <translation>Suppression de {name}…</translation>
    </message>
    <message>
        <source>Not changed: {m}</source>
        <translation>Non modifié&#xa0;: {m}</translation>
    </message>
    <message>
        <source>Not imported: {m}</source>
        <translation>Non importé&#xa0;: {m}</translation>
    </message>
    <message>
        <source>{n} file(s) that are not models were left out: pictures and videos go on the main window</source>
        <translation>Fichiers qui ne sont pas des modèles ignorés ({n})&#xa0;: les images et les vidéos se déposent sur la fenêtre principale</translation>
    </message>
</context>
<context>
    <name>QueueController</name>
    <message numerus="yes">
        <source>%n image</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n video</source>
        <translation>
            <numerusform>%n vidéo</numerusform>
            <numerusform>%n vidéos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n videos</source>
        <translation>
            <numerusform>%n vidéo</numerusform>
            <numerusform>%n vidéos</numerusform>
        </translation>
    </message>
    <message>
        <source>{images} and {videos}</source>
        <translation>{images} et {videos}</translation>
    </message>
    <message>
        <source>Queued {what}</source>
        <translation>Ajouté à la file d&apos;attente&#xa0;: {what}</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled (%n job)</source>
        <translation>
            <numerusform>Annulé (%n tâche)</numerusform>
            <numerusform>Annulé (%n tâches)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled (%n jobs)</source>
        <translation>
            <numerusform>Annulé (%n tâche)</numerusform>
            <numerusform>Annulé (%n tâches)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n terminé</numerusform>
            <numerusform>%n terminés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n annulé</numerusform>
            <numerusform>%n annulés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n ignoré</numerusform>
            <numerusform>%n ignorés</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>separator of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Finished: {parts}</source>
        <translation>Fin du traitement&#xa0;: {parts}</translation>
    </message>
    <message>
        <source>Open images or videos</source>
        <translation>Ouvrir des images ou des vidéos</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir un dossier</translation>
    </message>
    <message>
        <source>Output exists</source>
        <translation>La sortie existe déjà</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}.</source>
        <translation>{name} existe déjà dans {folder}.</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Remplacer</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>Do this for every existing file</source>
        <translation>Faire de même pour chaque fichier existant</translation>
    </message>
    <message>
        <source>Nothing queued: drop or open images or videos first</source>
        <translation>File d&apos;attente vide&#xa0;: déposez ou ouvrez d&apos;abord des images ou des vidéos</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>Impossible de démarrer</translation>
    </message>
    <message>
        <source>Type the server&apos;s address under Run on, or choose This computer</source>
        <translation>Saisissez l&apos;adresse du serveur sous «&#xa0;Exécuter sur&#xa0;» ou choisissez «&#xa0;Cet ordinateur&#xa0;»</translation>
    </message>
    <message>
        <source>output exists</source>
        <translation>la sortie existe déjà</translation>
    </message>
    <message>
        <source>Long video</source>
        <translation>Vidéo longue</translation>
    </message>
    <message>
        <source>{text}. Start it?</source>
        <translation>{text}. La démarrer&#xa0;?</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Pas maintenant</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>annulation…</translation>
    </message>
    <message>
        <source>{name} → {out} ({n} frames, {fps}, {sec:.1f} s, {enc})</source>
        <translation>{name} → {out} ({n} images, {fps}, {sec:.1f} s, {enc})</translation>
    </message>
    <message>
        <source>; resumed after frame {f}</source>
        <translation>; reprise après l&apos;image {f}</translation>
    </message>
    <message>
        <source>; colorized</source>
        <translation>; colorisée</translation>
    </message>
    <message>
        <source>{name} → {out} ({sec:.1f} s, tile {tile})</source>
        <translation>{name} → {out} ({sec:.1f} s, tuile {tile})</translation>
    </message>
    <message>
        <source>{name}: cancelled; finished parts are kept, run it again to resume</source>
        <translation>{name}&#xa0;: annulé ; les parties terminées sont conservées, relancez pour reprendre</translation>
    </message>
    <message>
        <source>{name}: cancelled</source>
        <translation>{name}&#xa0;: annulé</translation>
    </message>
    <message>
        <source>Upscaling failed</source>
        <translation>Échec de l&apos;agrandissement</translation>
    </message>
    <message>
        <source>stopped unexpectedly</source>
        <translation>arrêt inattendu</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>queued</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>ignoré</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Finished parts are kept: run it again with the same settings to continue where it stopped</source>
        <translation>Les parties terminées sont conservées&#xa0;: relancez avec les mêmes réglages pour reprendre là où cela s&apos;est arrêté</translation>
    </message>
    <message>
        <source>{w}×{h} · {n} frames</source>
        <translation>{w}×{h} · {n} images</translation>
    </message>
    <message>
        <source>{label} — can resume</source>
        <translation>{label} — reprise possible</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Run again with current settings</source>
        <translation>Relancer avec les réglages actuels</translation>
    </message>
    <message>
        <source>Remove from queue</source>
        <translation>Retirer de la file d&apos;attente</translation>
    </message>
    <message>
        <source>Show output folder</source>
        <translation>Afficher le dossier de sortie</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>Clear list</source>
        <translation>Effacer la liste</translation>
    </message>
</context>
<context>
    <name>RemoteUpscaleWorker</name>
    <message>
        <source>no server address: type it under Run on</source>
        <translation>aucune adresse de serveur&#xa0;: saisissez-la sous «&#xa0;Exécuter sur&#xa0;»</translation>
    </message>
    <message>
        <source>Running the queue on the server {s}</source>
        <translation>Exécution de la file d&apos;attente sur le serveur {s}</translation>
    </message>
    <message>
        <source>the server {s} has no model {m!r}: install it there, or Run on: This computer</source>
        <translation>le serveur {s} n&apos;a pas de modèle {m!r}&#xa0;: installez-le sur le serveur, ou «&#xa0;Exécuter sur&#xa0;: Cet ordinateur&#xa0;»</translation>
    </message>
    <message>
        <source>Upscaling {name} on {server} with {model} (×{scale})</source>
        <translation>Agrandissement de {name} sur {server} avec {model} (×{scale})</translation>
    </message>
    <message>
        <source>the server&apos;s</source>
        <translation>celui du serveur</translation>
    </message>
</context>
<context>
    <name>RunOnPanel</name>
    <message>
        <source>Run on</source>
        <translation>Exécuter sur</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <source>A server</source>
        <translation>Un serveur</translation>
    </message>
    <message>
        <source>if the server has one</source>
        <translation>si le serveur en a un</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
</context>
<context>
    <name>SelftestDialog</name>
    <message>
        <source>Self-test</source>
        <translation>Autodiagnostic</translation>
    </message>
    <message>
        <source>Checks this installation: every shipped model on every backend and device found, each image format, and a short video with audio.</source>
        <translation>Vérifie cette installation&#xa0;: chaque modèle fourni sur chaque moteur et appareil trouvé, chaque format d&apos;image et une courte vidéo avec son.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Image format</source>
        <translation>Format d&apos;image</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>Running… checks done: {n}</source>
        <translation>En cours… tests effectués&#xa0;: {n}</translation>
    </message>
    <message>
        <source>Self-test failed: {f} of {t} checks failed.</source>
        <translation>Autodiagnostic en échec — tests en échec&#xa0;: {f} sur {t}.</translation>
    </message>
    <message>
        <source>Self-test passed: {p} of {t} checks succeeded.</source>
        <translation>Autodiagnostic réussi — tests réussis&#xa0;: {p} sur {t}.</translation>
    </message>
    <message>
        <source>The self-test stopped: {m}</source>
        <translation>L&apos;autodiagnostic s&apos;est arrêté&#xa0;: {m}</translation>
    </message>
</context>
<context>
    <name>ServerCheckWorker</name>
    <message>
        <source>Type the server&apos;s address, e.g. http://192.168.1.20:8765</source>
        <translation>Saisissez l&apos;adresse du serveur, par ex. http://192.168.1.20:8765</translation>
    </message>
    <message>
        <source>Connected: SR Studio {v} on {dev}, {n} models</source>
        <translation>Connecté&#xa0;: SR Studio {v} sur {dev}, {n} modèles</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>PyTorch: CUDA, Apple MPS or CPU, any precision. ONNX Runtime: DirectML (Windows GPUs of any make), CUDA, CoreML or CPU, fp32. The model is converted on its first run and kept. Auto: whichever of the two ran faster when timed once on this computer (the log says which ran).</source>
        <translation>PyTorch&#xa0;: CUDA, Apple MPS ou CPU, toute précision. ONNX Runtime&#xa0;: DirectML (GPU Windows de toute marque), CUDA, CoreML ou CPU, fp32. Le modèle est converti à sa première exécution puis conservé. Auto&#xa0;: le plus rapide des deux, mesuré une fois sur cet ordinateur (le journal indique lequel a servi).</translation>
    </message>
    <message>
        <source>ONNX Runtime runs fp32</source>
        <translation>ONNX Runtime fonctionne en fp32</translation>
    </message>
    <message>
        <source>Same as input</source>
        <translation>Identique à l&apos;entrée</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Gray inputs, before upscaling</source>
        <translation>Entrées en gris, avant l&apos;agrandissement</translation>
    </message>
    <message>
        <source>Gray inputs, after upscaling</source>
        <translation>Entrées en gris, après l&apos;agrandissement</translation>
    </message>
    <message>
        <source>Upscale each image in its 8 flips and rotations and average the results: a little sharper (about +0.1 to +0.2 dB PSNR), 8 times slower.</source>
        <translation>Agrandit chaque image dans ses 8 retournements et rotations et fait la moyenne des résultats&#xa0;: un peu plus net (environ +0,1 à +0,2 dB de PSNR), 8 fois plus lent.</translation>
    </message>
    <message>
        <source>Colour black-and-white images and videos with the colorize model (Zhang et al. colorization), before or after upscaling. Colour inputs are left as they are.</source>
        <translation>Colorise les images et vidéos en noir et blanc avec le modèle de colorisation (Zhang et al.), avant ou après l&apos;agrandissement. Les entrées en couleur restent telles quelles.</translation>
    </message>
    <message>
        <source>no colorize model installed</source>
        <translation>aucun modèle de colorisation installé</translation>
    </message>
    <message>
        <source>How much of the colorizer&apos;s predicted colour to use: 0 % keeps the image gray, 100 % takes the prediction as it is. The colorizer can be badly wrong (red clouds, a yellow sky), so it starts low.</source>
        <translation>Part de la couleur prédite à utiliser&#xa0;: 0 % laisse l&apos;image en gris, 100 % reprend la prédiction telle quelle. La colorisation peut se tromper lourdement (nuages rouges, ciel jaune), d&apos;où une valeur de départ basse.</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importer…</translation>
    </message>
    <message>
        <source>Import a .safetensors model</source>
        <translation>Importer un modèle .safetensors</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Tile size in input pixels; Auto fits free memory</source>
        <translation>Taille des tuiles en pixels d&apos;entrée ; Auto s&apos;adapte à la mémoire libre</translation>
    </message>
    <message>
        <source>×8 self-ensemble</source>
        <translation>Auto-ensemble ×8</translation>
    </message>
    <message>
        <source> % colour</source>
        <translation> % de couleur</translation>
    </message>
    <message>
        <source>Beside each input</source>
        <translation>À côté de chaque entrée</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>Choisir le dossier de sortie</translation>
    </message>
    <message>
        <source> quality</source>
        <translation> (qualité)</translation>
    </message>
    <message>
        <source>Fields: {stem}, {scale}, {model}. With colorize on, the default name ends in _color.</source>
        <translation>Champs&#xa0;: {stem}, {scale}, {model}. Avec la colorisation, le nom par défaut se termine par _color.</translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation>Chargement des modèles…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Échelle</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Moteur</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Précision</translation>
    </message>
    <message>
        <source>Tile</source>
        <translation>Tuile</translation>
    </message>
    <message>
        <source>Passes</source>
        <translation>Passes</translation>
    </message>
    <message>
        <source>Colorize</source>
        <translation>Coloriser</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Tout annuler</translation>
    </message>
    <message>
        <source>Loading the model list…</source>
        <translation>Chargement de la liste des modèles…</translation>
    </message>
    <message>
        <source>Upscale every queued file (Ctrl+Return)</source>
        <translation>Agrandir tous les fichiers de la file d&apos;attente (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Auto ({b})</source>
        <translation>Auto ({b})</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
</context>
<context>
    <name>TrainCurves</name>
    <message>
        <source>Loss and validation curves appear here.</source>
        <translation>Les courbes de perte et de validation s&apos;affichent ici.</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>Bicubique</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Ground truth</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Validation sample</source>
        <translation>Échantillon de validation</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perte</translation>
    </message>
    <message>
        <source>step</source>
        <translation>étape</translation>
    </message>
    <message>
        <source>validation PSNR-Y</source>
        <translation>PSNR-Y de validation</translation>
    </message>
    <message>
        <source>model</source>
        <translation>modèle</translation>
    </message>
    <message>
        <source>bicubic</source>
        <translation>bicubique</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <source>MSE on luma (Y) + 0.1 RGB</source>
        <translation>MSE sur la luminance (Y) + 0,1 RGB</translation>
    </message>
    <message>
        <source>Clean downscales (bicubic)</source>
        <translation>Réductions propres (bicubique)</translation>
    </message>
    <message>
        <source>Camera photos (soft, slight noise, JPEG 70-90)</source>
        <translation>Photos d&apos;appareil (douces, léger bruit, JPEG 70-90)</translation>
    </message>
    <message>
        <source>Real-world photos (blur, noise, resizing, JPEG twice)</source>
        <translation>Photos réelles (flou, bruit, redimensionnement, JPEG deux fois)</translation>
    </message>
    <message>
        <source>Training run</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>Folder of high-resolution images</source>
        <translation>Dossier d&apos;images haute résolution</translation>
    </message>
    <message>
        <source>Optional: paired LR images (same names)</source>
        <translation>Facultatif&#xa0;: images LR appariées (mêmes noms)</translation>
    </message>
    <message>
        <source>Optional: default = 2 training images</source>
        <translation>Facultatif&#xa0;: par défaut, 2 images d&apos;entraînement</translation>
    </message>
    <message>
        <source>Name of the new model (automatic)</source>
        <translation>Nom du nouveau modèle (automatique)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source>Stop the run (validate and export the model) after this much training time, even before the last step; the learning rate then anneals to fit the time. 0 = no limit.</source>
        <translation>Arrête l&apos;entraînement (validation et export du modèle) après cette durée, même avant la dernière étape ; le taux d&apos;apprentissage décroît alors pour tenir dans le temps. 0 = sans limite.</translation>
    </message>
    <message>
        <source>How the low-resolution training inputs are made from your pictures: pick &apos;Real-world photos&apos; to fine-tune a model for JPEGs, scans and phone photos (ignored when an LR folder is given).</source>
        <translation>Comment les entrées basse résolution sont produites à partir de vos images&#xa0;: choisissez «&#xa0;Photos réelles&#xa0;» pour affiner un modèle pour les JPEG, les numérisations et les photos de téléphone (ignoré si un dossier LR est indiqué).</translation>
    </message>
    <message>
        <source>HR folder</source>
        <translation>Dossier HR</translation>
    </message>
    <message>
        <source>LR folder</source>
        <translation>Dossier LR</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validation</translation>
    </message>
    <message>
        <source>Validation folder</source>
        <translation>Dossier de validation</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>Modèle de base</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Échelle</translation>
    </message>
    <message>
        <source>LR inputs</source>
        <translation>Entrées LR</translation>
    </message>
    <message>
        <source>Patch (HR px)</source>
        <translation>Patch (px HR)</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Durée maximale</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>Valider toutes les</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perte</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taux d&apos;apprentissage</translation>
    </message>
    <message>
        <source>New {arch} (from scratch)</source>
        <translation>Nouveau {arch} (à partir de zéro)</translation>
    </message>
    <message>
        <source>Fine-tune {name} (×{scale})</source>
        <translation>Affiner {name} (×{scale})</translation>
    </message>
</context>
<context>
    <name>TrainerTab</name>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Save the trained model as a .safetensors file (SR Studio) or an .onnx file (other tools)</source>
        <translation>Enregistrer le modèle entraîné en fichier .safetensors (SR Studio) ou .onnx (autres outils)</translation>
    </message>
    <message>
        <source>Add to model list</source>
        <translation>Ajouter à la liste des modèles</translation>
    </message>
    <message>
        <source>Use the stopped run&apos;s best weights as a model</source>
        <translation>Utiliser les meilleurs poids de l&apos;entraînement arrêté comme modèle</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Choose an HR folder first.</source>
        <translation>Choisissez d&apos;abord un dossier HR.</translation>
    </message>
    <message>
        <source>Preparing data…</source>
        <translation>Préparation des données…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Entraînement…</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>Arrêt après cette étape…</translation>
    </message>
    <message>
        <source>Training {detail}</source>
        <translation>Entraînement {detail}</translation>
    </message>
    <message>
        <source>Step {s} / {t}</source>
        <translation>Étape {s} / {t}</translation>
    </message>
    <message>
        <source>time limit {m}</source>
        <translation>durée maximale {m}</translation>
    </message>
    <message>
        <source>Stopped at step {s}; the checkpoint is in {d}</source>
        <translation>Arrêté à l&apos;étape {s} ; le point de contrôle est dans {d}</translation>
    </message>
    <message>
        <source>Stopped at step {s} of {t}. Its weights are in {d}; &apos;Add to model list&apos; makes it a model.</source>
        <translation>Arrêté à l&apos;étape {s} sur {t}. Ses poids sont dans {d} ; «&#xa0;Ajouter à la liste des modèles&#xa0;» en fait un modèle.</translation>
    </message>
    <message>
        <source>Training finished but import failed: {e}</source>
        <translation>Entraînement terminé, mais l&apos;import a échoué&#xa0;: {e}</translation>
    </message>
    <message>
        <source>Done: {name} (best validation PSNR-Y {best}) is now in the model list.</source>
        <translation>Terminé&#xa0;: {name} (meilleur PSNR-Y de validation&#xa0;: {best}) figure maintenant dans la liste des modèles.</translation>
    </message>
    <message>
        <source>Time limit reached at step {s} of {t}.</source>
        <translation>Durée maximale atteinte à l&apos;étape {s} sur {t}.</translation>
    </message>
    <message>
        <source>Training failed: {m}</source>
        <translation>Échec de l&apos;entraînement&#xa0;: {m}</translation>
    </message>
    <message>
        <source>ONNX model, RGB in and out (*.onnx)</source>
        <translation>Modèle ONNX, entrée et sortie RGB (*.onnx)</translation>
    </message>
    <message>
        <source>Save model as</source>
        <translation>Enregistrer le modèle sous</translation>
    </message>
    <message>
        <source>SR Studio model (*.safetensors)</source>
        <translation>Modèle SR Studio (*.safetensors)</translation>
    </message>
    <message>
        <source>Exporting {name} to ONNX…</source>
        <translation>Export de {name} en ONNX…</translation>
    </message>
    <message>
        <source>Saved {path} (ONNX: float32 RGB in and out)</source>
        <translation>{path} enregistré (ONNX&#xa0;: entrée et sortie RGB float32)</translation>
    </message>
    <message>
        <source>ONNX export failed: {m}</source>
        <translation>Échec de l&apos;export ONNX&#xa0;: {m}</translation>
    </message>
</context>
<context>
    <name>UpscaleWorker</name>
    <message>
        <source>colorize: {e}</source>
        <translation>colorisation&#xa0;: {e}</translation>
    </message>
    <message>
        <source>Upscaling {name} with {model} (×{scale}{where})</source>
        <translation>Agrandissement de {name} avec {model} (×{scale}{where})</translation>
    </message>
    <message>
        <source>No live preview for {name}: its {w}×{h} output would need {gib:.1f} GiB more memory. The result shows when it is written.</source>
        <translation>Pas d&apos;aperçu en direct pour {name}&#xa0;: sa sortie {w}×{h} demanderait {gib:.1f} Gio de mémoire en plus. Le résultat s&apos;affiche une fois écrit.</translation>
    </message>
    <message>
        <source>Upscaling video {name} with {model} (×{scale})</source>
        <translation>Agrandissement de la vidéo {name} avec {model} (×{scale})</translation>
    </message>
</context>
<context>
    <name>VideoSettings</name>
    <message>
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <source>CRF</source>
        <translation>CRF</translation>
    </message>
    <message>
        <source>Bitrate</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Constant quality (CRF) or a target bitrate</source>
        <translation>Qualité constante (CRF) ou un débit cible</translation>
    </message>
    <message>
        <source>Constant quality: lower is better (x264: 18 is visually lossless, 23 the default)</source>
        <translation>Qualité constante&#xa0;: plus bas = meilleur (x264&#xa0;: 18 est visuellement sans perte, 23 la valeur par défaut)</translation>
    </message>
    <message>
        <source>Target bitrate, e.g. 8M or 2500k</source>
        <translation>Débit cible, par ex. 8M ou 2500k</translation>
    </message>
    <message>
        <source>Encoder speed: slower presets make smaller files</source>
        <translation>Vitesse de l&apos;encodeur&#xa0;: les préréglages plus lents donnent des fichiers plus petits</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>Codec</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualité</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Préréglage</translation>
    </message>
    <message>
        <source>Videos are written as {name}</source>
        <translation>Les vidéos sont écrites en {name}</translation>
    </message>
</context>
<context>
    <name>ViewerController</name>
    <message>
        <source>Input · smooth</source>
        <translation>Entrée · lissée</translation>
    </message>
    <message>
        <source>Input · nearest</source>
        <translation>Entrée · plus proche voisin</translation>
    </message>
    <message>
        <source>Live · {m}</source>
        <translation>En direct · {m}</translation>
    </message>
    <message>
        <source>Heat map · {m}</source>
        <translation>Carte thermique · {m}</translation>
    </message>
    <message>
        <source>Select an image in the queue first.</source>
        <translation>Sélectionnez d&apos;abord une image dans la file d&apos;attente.</translation>
    </message>
    <message>
        <source>The self-check works on images, not videos.</source>
        <translation>L&apos;auto-évaluation fonctionne sur les images, pas sur les vidéos.</translation>
    </message>
    <message>
        <source>{d}/{t}: {n}</source>
        <translation>{d}/{t}&#xa0;: {n}</translation>
    </message>
    <message>
        <source>Self-check ×{s}: </source>
        <translation>Auto-évaluation ×{s}&#xa0;: </translation>
    </message>
    <message>
        <source> (best: {b})</source>
        <translation> (meilleur&#xa0;: {b})</translation>
    </message>
    <message>
        <source>PSNR/SSIM</source>
        <translation>PSNR/SSIM</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Select a finished item first.</source>
        <translation>Sélectionnez d&apos;abord un élément terminé.</translation>
    </message>
    <message>
        <source>Reference scores work on images, not videos.</source>
        <translation>Les scores de référence fonctionnent sur les images, pas sur les vidéos.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>En cours…</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
</context>
<context>
    <name>win</name>
    <message>
        <source>Upscale</source>
        <translation>Agrandir</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entraîner</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
</context>
</TS>
