<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Free: %1</source>
        <translation>Frei: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Shoal: a BitTorrent client</source>
        <translation>Shoal: ein BitTorrent-Client</translation>
    </message>
    <message>
        <source>Library directory (default: %1).</source>
        <translation>Bibliotheksverzeichnis (Standard: %1).</translation>
    </message>
    <message>
        <source>Print start-up timings (first paint, library loaded) to stdout and quit.</source>
        <translation>Startzeiten (erstes Zeichnen, Bibliothek geladen) ausgeben und beenden.</translation>
    </message>
    <message>
        <source>.torrent files or magnet links to add.</source>
        <translation>Hinzuzufügende .torrent-Dateien oder Magnet-Links.</translation>
    </message>
    <message>
        <source>Cannot open the library in %1:
%2</source>
        <translation>Die Bibliothek in %1 kann nicht geöffnet werden:
%2</translation>
    </message>
</context>
<context>
    <name>shoal::gui</name>
    <message>
        <source>/s</source>
        <translation>/s</translation>
    </message>
    <message>
        <source>%1d %2h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Queued for check</source>
        <translation>Zur Prüfung eingereiht</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <source>Fetching metadata</source>
        <translation>Lade Metadaten</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Lädt herunter</translation>
    </message>
    <message>
        <source>Queued for seeding</source>
        <translation>Zum Verteilen eingereiht</translation>
    </message>
    <message>
        <source>Seeding</source>
        <translation>Verteilt</translation>
    </message>
    <message>
        <source>Moving</source>
        <translation>Wird verschoben</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>shoal::gui::AddTorrentDialog</name>
    <message>
        <source>Add Torrent</source>
        <translation>Torrent hinzufügen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Info hash v1:</source>
        <translation>Info-Hash v1:</translation>
    </message>
    <message>
        <source>Info hash v2:</source>
        <translation>Info-Hash v2:</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Kommentar:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose save path</source>
        <translation>Speicherort wählen</translation>
    </message>
    <message>
        <source>Start paused</source>
        <translation>Pausiert starten</translation>
    </message>
    <message>
        <source>Download in sequential order</source>
        <translation>In fortlaufender Reihenfolge herunterladen</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. linux, iso</source>
        <translation>Durch Kommas getrennt, z. B. linux, iso</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Speichern in:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Kategorie:</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <source>Fetching metadata…</source>
        <translation>Lade Metadaten…</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Alle auswählen</translation>
    </message>
    <message>
        <source>Select None</source>
        <translation>Keine auswählen</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>(unknown until metadata arrives)</source>
        <translation>(unbekannt, bis die Metadaten eintreffen)</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>This torrent is already in the list; adding it merges its trackers.</source>
        <translation>Dieser Torrent ist bereits in der Liste; beim Hinzufügen werden seine Tracker übernommen.</translation>
    </message>
    <message>
        <source>The file list will be shown once the metadata arrives from peers.</source>
        <translation>Die Dateiliste wird angezeigt, sobald die Metadaten von Peers eintreffen.</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>Ausgewählt: %1</translation>
    </message>
    <message>
        <source>Download Selected</source>
        <translation>Auswahl herunterladen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Keep the torrent and download all its files</source>
        <translation>Den Torrent behalten und alle Dateien herunterladen</translation>
    </message>
</context>
<context>
    <name>shoal::gui::ConnectDaemonDialog</name>
    <message>
        <source>Connect to Daemon</source>
        <translation>Mit Daemon verbinden</translation>
    </message>
    <message>
        <source>A &lt;tt&gt;shoal daemon&lt;/tt&gt; or any Transmission-compatible RPC server.</source>
        <translation>Ein &lt;tt&gt;shoal daemon&lt;/tt&gt; oder ein beliebiger Transmission-kompatibler RPC-Server.</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
</context>
<context>
    <name>shoal::gui::CreateTorrentDialog</name>
    <message>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Create Torrent</source>
        <translation>Torrent erstellen</translation>
    </message>
    <message>
        <source>A file or a folder to share</source>
        <translation>Eine Datei oder ein Ordner zum Teilen</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <source>Choose a file to share</source>
        <translation>Datei zum Teilen wählen</translation>
    </message>
    <message>
        <source>Choose a folder to share</source>
        <translation>Ordner zum Teilen wählen</translation>
    </message>
    <message>
        <source>Hybrid (v1 + v2)</source>
        <translation>Hybrid (v1 + v2)</translation>
    </message>
    <message>
        <source>v1 only</source>
        <translation>Nur v1</translation>
    </message>
    <message>
        <source>v2 only</source>
        <translation>Nur v2</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>One tracker URL per line; a blank line starts a new tier</source>
        <translation>Eine Tracker-URL pro Zeile; eine Leerzeile beginnt eine neue Stufe</translation>
    </message>
    <message>
        <source>One web seed URL per line</source>
        <translation>Eine Webseed-URL pro Zeile</translation>
    </message>
    <message>
        <source>Private torrent (no DHT, PEX or LSD)</source>
        <translation>Privater Torrent (kein DHT, PEX oder LSD)</translation>
    </message>
    <message>
        <source>Optional; some private trackers ask for it</source>
        <translation>Optional; manche privaten Tracker verlangen es</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Save torrent file</source>
        <translation>Torrent-Datei speichern</translation>
    </message>
    <message>
        <source>Torrent files (*.torrent)</source>
        <translation>Torrent-Dateien (*.torrent)</translation>
    </message>
    <message>
        <source>Start seeding when done</source>
        <translation>Nach dem Erstellen verteilen</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Piece size:</source>
        <translation>Stückgröße:</translation>
    </message>
    <message>
        <source>Trackers:</source>
        <translation>Tracker:</translation>
    </message>
    <message>
        <source>Web seeds:</source>
        <translation>Webseeds:</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Kommentar:</translation>
    </message>
    <message>
        <source>Source tag:</source>
        <translation>Quellkennung:</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Speichern in:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Choose a file or folder to share.</source>
        <translation>Wählen Sie eine Datei oder einen Ordner zum Teilen.</translation>
    </message>
    <message>
        <source>No such file or folder: %1</source>
        <translation>Datei oder Ordner nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Choose where to save the torrent file.</source>
        <translation>Wählen Sie, wo die Torrent-Datei gespeichert wird.</translation>
    </message>
    <message>
        <source>Hashing…</source>
        <translation>Berechne Prüfsummen…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Created %1 (%2, %3 pieces).</source>
        <translation>%1 erstellt (%2, %3 Stücke).</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
</context>
<context>
    <name>shoal::gui::DetailsPane</name>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Trackers</source>
        <translation>Tracker</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>Peers</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>Stücke</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
</context>
<context>
    <name>shoal::gui::FilePriorityDelegate</name>
    <message>
        <source>Do not download</source>
        <translation>Nicht herunterladen</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
</context>
<context>
    <name>shoal::gui::FileSelectionTree</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>shoal::gui::FileTreeModel</name>
    <message>
        <source>Do not download</source>
        <translation>Nicht herunterladen</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Gemischt</translation>
    </message>
    <message>
        <source>Priority %1</source>
        <translation>Priorität %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
</context>
<context>
    <name>shoal::gui::FilesTab</name>
    <message>
        <source>File priorities</source>
        <translation>Dateiprioritäten</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Do not download</source>
        <translation>Nicht herunterladen</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
</context>
<context>
    <name>shoal::gui::Format</name>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <source>TiB</source>
        <translation>TiB</translation>
    </message>
</context>
<context>
    <name>shoal::gui::GeneralTab</name>
    <message>
        <source>%1 (%2 this session)</source>
        <translation>%1 (%2 in dieser Sitzung)</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Übertragung</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Progress:</source>
        <translation>Fortschritt:</translation>
    </message>
    <message>
        <source>Time active:</source>
        <translation>Aktiv seit:</translation>
    </message>
    <message>
        <source>Seeding time:</source>
        <translation>Verteilzeit:</translation>
    </message>
    <message>
        <source>ETA:</source>
        <translation>Restzeit:</translation>
    </message>
    <message>
        <source>Connections:</source>
        <translation>Verbindungen:</translation>
    </message>
    <message>
        <source>Downloaded:</source>
        <translation>Heruntergeladen:</translation>
    </message>
    <message>
        <source>Uploaded:</source>
        <translation>Hochgeladen:</translation>
    </message>
    <message>
        <source>Download speed:</source>
        <translation>Download-Geschwindigkeit:</translation>
    </message>
    <message>
        <source>Upload speed:</source>
        <translation>Upload-Geschwindigkeit:</translation>
    </message>
    <message>
        <source>Share ratio:</source>
        <translation>Verhältnis:</translation>
    </message>
    <message>
        <source>Wasted:</source>
        <translation>Verworfen:</translation>
    </message>
    <message>
        <source>Hash failures:</source>
        <translation>Prüfsummenfehler:</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Informationen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Total size:</source>
        <translation>Gesamtgröße:</translation>
    </message>
    <message>
        <source>Pieces:</source>
        <translation>Stücke:</translation>
    </message>
    <message>
        <source>Info hash v1:</source>
        <translation>Info-Hash v1:</translation>
    </message>
    <message>
        <source>Info hash v2:</source>
        <translation>Info-Hash v2:</translation>
    </message>
    <message>
        <source>Save path:</source>
        <translation>Speicherort:</translation>
    </message>
    <message>
        <source>Created by:</source>
        <translation>Erstellt mit:</translation>
    </message>
    <message>
        <source>Created on:</source>
        <translation>Erstellt am:</translation>
    </message>
    <message>
        <source>Added on:</source>
        <translation>Hinzugefügt am:</translation>
    </message>
    <message>
        <source>Completed on:</source>
        <translation>Abgeschlossen am:</translation>
    </message>
    <message>
        <source>Private:</source>
        <translation>Privat:</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Kommentar:</translation>
    </message>
    <message>
        <source>Magnet link:</source>
        <translation>Magnet-Link:</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 (%2 seeds)</source>
        <translation>%1 (%2 Seeds)</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 × %2 (have %3)</source>
        <translation>%1 × %2 (%3 vorhanden)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>shoal::gui::LimitsDialog</name>
    <message>
        <source>KiB/s</source>
        <translation>KiB/s</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Torrent Speed Limits</source>
        <translation>Geschwindigkeitsbegrenzung des Torrents</translation>
    </message>
    <message>
        <source>Download limit:</source>
        <translation>Download-Begrenzung:</translation>
    </message>
    <message>
        <source>Upload limit:</source>
        <translation>Upload-Begrenzung:</translation>
    </message>
</context>
<context>
    <name>shoal::gui::MagnetDialog</name>
    <message>
        <source>Add Magnet Links</source>
        <translation>Magnet-Links hinzufügen</translation>
    </message>
    <message>
        <source>One magnet link or info-hash per line:</source>
        <translation>Ein Magnet-Link oder Info-Hash pro Zeile:</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Line %1 is not a magnet link: %2</source>
        <translation>Zeile %1 ist kein Magnet-Link: %2</translation>
    </message>
</context>
<context>
    <name>shoal::gui::MainWindow</name>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Verbindung nicht möglich: %1</translation>
    </message>
    <message>
        <source>Shoal — %1</source>
        <translation>Shoal — %1</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Add Torrent &amp;File…</source>
        <translation>Torrent-&amp;Datei hinzufügen…</translation>
    </message>
    <message>
        <source>Add &amp;Magnet Link…</source>
        <translation>&amp;Magnet-Link hinzufügen…</translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation>Ctrl+U</translation>
    </message>
    <message>
        <source>&amp;Create Torrent…</source>
        <translation>Torrent &amp;erstellen…</translation>
    </message>
    <message>
        <source>Connect to &amp;Daemon…</source>
        <translation>Mit Dae&amp;mon verbinden…</translation>
    </message>
    <message>
        <source>&amp;Back to the Local Library</source>
        <translation>&amp;Zurück zur lokalen Bibliothek</translation>
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
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>Force &amp;Recheck</source>
        <translation>Erneut &amp;prüfen</translation>
    </message>
    <message>
        <source>Force Re&amp;announce</source>
        <translation>Erneut a&amp;nkündigen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove with &amp;Data</source>
        <translation>Mit &amp;Daten entfernen</translation>
    </message>
    <message>
        <source>Shift+Del</source>
        <translation>Shift+Del</translation>
    </message>
    <message>
        <source>Open Containing &amp;Folder</source>
        <translation>Enthaltenden &amp;Ordner öffnen</translation>
    </message>
    <message>
        <source>Copy Ma&amp;gnet Link</source>
        <translation>Ma&amp;gnet-Link kopieren</translation>
    </message>
    <message>
        <source>Set &amp;Location…</source>
        <translation>Speicher&amp;ort ändern…</translation>
    </message>
    <message>
        <source>Set &amp;Limits…</source>
        <translation>&amp;Begrenzungen festlegen…</translation>
    </message>
    <message>
        <source>Set &amp;Category…</source>
        <translation>&amp;Kategorie festlegen…</translation>
    </message>
    <message>
        <source>Set &amp;Tags…</source>
        <translation>&amp;Tags festlegen…</translation>
    </message>
    <message>
        <source>Move to &amp;Top</source>
        <translation>Ganz nach &amp;oben</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>Nach o&amp;ben</translation>
    </message>
    <message>
        <source>Move Do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Move to &amp;Bottom</source>
        <translation>Ganz nach u&amp;nten</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Paste Magnet or Path</source>
        <translation>Magnet oder Pfad ein&amp;fügen</translation>
    </message>
    <message>
        <source>&amp;About Shoal</source>
        <translation>Über &amp;Shoal</translation>
    </message>
    <message>
        <source>Show &amp;Sidebar</source>
        <translation>&amp;Seitenleiste anzeigen</translation>
    </message>
    <message>
        <source>Show &amp;Details</source>
        <translation>&amp;Details anzeigen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Warteschlange</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Filter torrent names…</source>
        <translation>Torrent-Namen filtern…</translation>
    </message>
    <message>
        <source>Show Shoal</source>
        <translation>Shoal anzeigen</translation>
    </message>
    <message>
        <source>Download finished</source>
        <translation>Download abgeschlossen</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Open Torrent Files</source>
        <translation>Torrent-Dateien öffnen</translation>
    </message>
    <message>
        <source>Torrent files (*.torrent);;All files (*)</source>
        <translation>Torrent-Dateien (*.torrent);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Recheck</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Reannounce</source>
        <translation>Erneut ankündigen</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n torrent(s) and DELETE their downloaded files?</source>
        <translation><numerusform>%n Torrent entfernen und seine heruntergeladenen Dateien LÖSCHEN?</numerusform><numerusform>%n Torrents entfernen und ihre heruntergeladenen Dateien LÖSCHEN?</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n torrent(s) from the list? Downloaded files are kept.</source>
        <translation><numerusform>%n Torrent aus der Liste entfernen? Heruntergeladene Dateien bleiben erhalten.</numerusform><numerusform>%n Torrents aus der Liste entfernen? Heruntergeladene Dateien bleiben erhalten.</numerusform></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n magnet link(s)</source>
        <translation><numerusform>%n Magnet-Link kopiert</numerusform><numerusform>%n Magnet-Links kopiert</numerusform></translation>
    </message>
    <message>
        <source>Choose Save Location</source>
        <translation>Speicherort wählen</translation>
    </message>
    <message>
        <source>Set location</source>
        <translation>Speicherort ändern</translation>
    </message>
    <message>
        <source>Set limits</source>
        <translation>Begrenzungen festlegen</translation>
    </message>
    <message>
        <source>Set Category</source>
        <translation>Kategorie festlegen</translation>
    </message>
    <message>
        <source>Category (empty for none):</source>
        <translation>Kategorie (leer für keine):</translation>
    </message>
    <message>
        <source>Set category</source>
        <translation>Kategorie festlegen</translation>
    </message>
    <message>
        <source>Set Tags</source>
        <translation>Tags festlegen</translation>
    </message>
    <message>
        <source>Tags, separated by commas:</source>
        <translation>Tags, durch Kommas getrennt:</translation>
    </message>
    <message>
        <source>Set tags</source>
        <translation>Tags festlegen</translation>
    </message>
    <message>
        <source>About Shoal</source>
        <translation>Über Shoal</translation>
    </message>
    <message>
        <source>&lt;b&gt;Shoal %1&lt;/b&gt;&lt;p&gt;A BitTorrent client for power users, seedboxes and swarm tests, on libtorrent-rasterbar and Qt %2.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Shoal %1&lt;/b&gt;&lt;p&gt;Ein BitTorrent-Client für Power-User, Seedboxen und Schwarmtests, auf Basis von libtorrent-rasterbar und Qt %2.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>shoal::gui::PeerTableModel</name>
    <message>
        <source>%1, encrypted</source>
        <translation>%1, verschlüsselt</translation>
    </message>
    <message>
        <source>Tracker</source>
        <translation>Tracker</translation>
    </message>
    <message>
        <source>DHT</source>
        <translation>DHT</translation>
    </message>
    <message>
        <source>PEX</source>
        <translation>PEX</translation>
    </message>
    <message>
        <source>LSD</source>
        <translation>LSD</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Eingehend</translation>
    </message>
    <message>
        <source>Added by hand</source>
        <translation>Von Hand hinzugefügt</translation>
    </message>
    <message>
        <source>downloading from the peer (interested, not choked)</source>
        <translation>lädt vom Peer herunter (interessiert, nicht gedrosselt)</translation>
    </message>
    <message>
        <source>we want to download, the peer chokes us</source>
        <translation>wir wollen herunterladen, der Peer drosselt uns</translation>
    </message>
    <message>
        <source>uploading to the peer (interested, not choked)</source>
        <translation>lädt zum Peer hoch (interessiert, nicht gedrosselt)</translation>
    </message>
    <message>
        <source>the peer wants to download, we choke it</source>
        <translation>der Peer will herunterladen, wir drosseln ihn</translation>
    </message>
    <message>
        <source>the peer unchoked us, but we are not interested</source>
        <translation>der Peer drosselt uns nicht mehr, aber wir sind nicht interessiert</translation>
    </message>
    <message>
        <source>we unchoked the peer, but it is not interested</source>
        <translation>wir drosseln den Peer nicht mehr, aber er ist nicht interessiert</translation>
    </message>
    <message>
        <source>snubbed: the peer has sent nothing for a while</source>
        <translation>ignoriert: der Peer hat eine Weile nichts gesendet</translation>
    </message>
    <message>
        <source>incoming connection</source>
        <translation>eingehende Verbindung</translation>
    </message>
    <message>
        <source>RC4 encrypted</source>
        <translation>RC4-verschlüsselt</translation>
    </message>
    <message>
        <source>encrypted handshake, plaintext payload</source>
        <translation>verschlüsselter Handshake, unverschlüsselte Nutzdaten</translation>
    </message>
    <message>
        <source>μTP connection</source>
        <translation>μTP-Verbindung</translation>
    </message>
    <message>
        <source>found through peer exchange (PEX)</source>
        <translation>über Peer-Austausch (PEX) gefunden</translation>
    </message>
    <message>
        <source>found through the DHT</source>
        <translation>über das DHT gefunden</translation>
    </message>
    <message>
        <source>local peer (found through LSD)</source>
        <translation>lokaler Peer (über LSD gefunden)</translation>
    </message>
    <message>
        <source>Country lookup needs a GeoIP database, which Debian does not install by default.</source>
        <translation>Die Länderzuordnung braucht eine GeoIP-Datenbank, die Debian nicht standardmäßig installiert.</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Down speed</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Up speed</source>
        <translation>Upload</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Heruntergeladen</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
</context>
<context>
    <name>shoal::gui::PieceMapWidget</name>
    <message>
        <source>No pieces to show (no metadata yet)</source>
        <translation>Keine Stücke anzuzeigen (noch keine Metadaten)</translation>
    </message>
</context>
<context>
    <name>shoal::gui::PiecesTab</name>
    <message>
        <source>Have</source>
        <translation>Vorhanden</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird geladen</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <source>Availability (top strip):</source>
        <translation>Verfügbarkeit (oberer Streifen):</translation>
    </message>
    <message>
        <source>no peer has it</source>
        <translation>kein Peer hat es</translation>
    </message>
    <message>
        <source>few copies</source>
        <translation>wenige Kopien</translation>
    </message>
    <message>
        <source>many copies</source>
        <translation>viele Kopien</translation>
    </message>
    <message>
        <source>No metadata yet: the piece map appears once it arrives.</source>
        <translation>Noch keine Metadaten: die Stückkarte erscheint, sobald sie eintreffen.</translation>
    </message>
    <message>
        <source>%1 pieces of %2 · have %3 (%4 %) · downloading %5</source>
        <translation>%1 Stücke zu %2 · vorhanden %3 (%4 %) · lädt %5</translation>
    </message>
    <message>
        <source> · availability min %1, avg %2</source>
        <translation> · Verfügbarkeit min. %1, Ø %2</translation>
    </message>
    <message>
        <source> · %1 pieces per cell</source>
        <translation> · %1 Stücke pro Zelle</translation>
    </message>
</context>
<context>
    <name>shoal::gui::PreferencesDialog</name>
    <message>
        <source>KiB/s</source>
        <translation>KiB/s</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>BitTorrent</source>
        <translation>BitTorrent</translation>
    </message>
    <message>
        <source>Your Downloads folder</source>
        <translation>Ihr Download-Ordner</translation>
    </message>
    <message>
        <source>Keep incomplete torrents in:</source>
        <translation>Unvollständige Torrents speichern in:</translation>
    </message>
    <message>
        <source>Finished torrents move to their save path.</source>
        <translation>Fertige Torrents werden an ihren Speicherort verschoben.</translation>
    </message>
    <message>
        <source>Default save path:</source>
        <translation>Standard-Speicherort:</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <source>Prefer encryption</source>
        <translation>Verschlüsselung bevorzugen</translation>
    </message>
    <message>
        <source>Require encryption</source>
        <translation>Verschlüsselung erzwingen</translation>
    </message>
    <message>
        <source>Disable encryption</source>
        <translation>Verschlüsselung deaktivieren</translation>
    </message>
    <message>
        <source>Use UPnP / NAT-PMP port forwarding from my router</source>
        <translation>UPnP / NAT-PMP-Portweiterleitung des Routers verwenden</translation>
    </message>
    <message>
        <source>Listening port:</source>
        <translation>Eingehender Port:</translation>
    </message>
    <message>
        <source>Global maximum connections:</source>
        <translation>Maximale Verbindungen insgesamt:</translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation>Verschlüsselung:</translation>
    </message>
    <message>
        <source>Global rate limits</source>
        <translation>Globale Geschwindigkeitsbegrenzung</translation>
    </message>
    <message>
        <source>Download:</source>
        <translation>Download:</translation>
    </message>
    <message>
        <source>Upload:</source>
        <translation>Upload:</translation>
    </message>
    <message>
        <source>Use the alternative limits now</source>
        <translation>Alternative Begrenzung jetzt verwenden</translation>
    </message>
    <message>
        <source>Alternative rate limits</source>
        <translation>Alternative Geschwindigkeitsbegrenzung</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Schedule the alternative limits</source>
        <translation>Alternative Begrenzung zeitgesteuert</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>On:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>Enable DHT (decentralized network) to find more peers</source>
        <translation>DHT (dezentrales Netzwerk) verwenden, um mehr Peers zu finden</translation>
    </message>
    <message>
        <source>Enable Peer Exchange (PeX) to find more peers</source>
        <translation>Peer-Austausch (PeX) verwenden, um mehr Peers zu finden</translation>
    </message>
    <message>
        <source>Enable Local Peer Discovery to find more peers</source>
        <translation>Lokale Peer-Suche verwenden, um mehr Peers zu finden</translation>
    </message>
    <message>
        <source>Peer discovery</source>
        <translation>Peer-Suche</translation>
    </message>
    <message>
        <source>Torrent queueing</source>
        <translation>Torrent-Warteschlange</translation>
    </message>
    <message>
        <source>Maximum active downloads:</source>
        <translation>Maximal aktive Downloads:</translation>
    </message>
    <message>
        <source>Maximum active uploads:</source>
        <translation>Maximal aktive Uploads:</translation>
    </message>
    <message>
        <source>Maximum active torrents:</source>
        <translation>Maximal aktive Torrents:</translation>
    </message>
    <message>
        <source>When ratio reaches</source>
        <translation>Wenn das Verhältnis erreicht</translation>
    </message>
    <message>
        <source>When seeding time reaches</source>
        <translation>Wenn die Verteilzeit erreicht</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>Seeding limits (then stop the torrent)</source>
        <translation>Verteilgrenzen (danach den Torrent anhalten)</translation>
    </message>
</context>
<context>
    <name>shoal::gui::SessionBridge</name>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
</context>
<context>
    <name>shoal::gui::Sidebar</name>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Lädt herunter</translation>
    </message>
    <message>
        <source>Seeding</source>
        <translation>Verteilt</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <source>Errored</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Trackers</source>
        <translation>Tracker</translation>
    </message>
    <message>
        <source>Uncategorized</source>
        <translation>Ohne Kategorie</translation>
    </message>
    <message>
        <source>Untagged</source>
        <translation>Ohne Tags</translation>
    </message>
    <message>
        <source>Trackerless</source>
        <translation>Ohne Tracker</translation>
    </message>
</context>
<context>
    <name>shoal::gui::SpeedTab</name>
    <message>
        <source>This torrent</source>
        <translation>Dieser Torrent</translation>
    </message>
    <message>
        <source>All torrents</source>
        <translation>Alle Torrents</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Upload</translation>
    </message>
    <message>
        <source>Seconds ago</source>
        <translation>Sekunden zuvor</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>B/s</source>
        <translation>B/s</translation>
    </message>
    <message>
        <source>KiB/s</source>
        <translation>KiB/s</translation>
    </message>
    <message>
        <source>MiB/s</source>
        <translation>MiB/s</translation>
    </message>
    <message>
        <source>GiB/s</source>
        <translation>GiB/s</translation>
    </message>
</context>
<context>
    <name>shoal::gui::StatusBar</name>
    <message>
        <source>Alt. speed</source>
        <translation>Alt. Geschw.</translation>
    </message>
    <message>
        <source>Use the alternative speed limits (Preferences → Speed)</source>
        <translation>Alternative Geschwindigkeitsbegrenzung verwenden (Einstellungen → Geschwindigkeit)</translation>
    </message>
    <message>
        <source>Loading the library…</source>
        <translation>Lade die Bibliothek…</translation>
    </message>
    <message>
        <source>Limits: ↓ %1, ↑ %2</source>
        <translation>Begrenzung: ↓ %1, ↑ %2</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>DHT: %1 nodes</source>
        <translation>DHT: %1 Knoten</translation>
    </message>
    <message>
        <source>DHT: off</source>
        <translation>DHT: aus</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>Nicht empfangsbereit</translation>
    </message>
    <message>
        <source>Port %1</source>
        <translation>Port %1</translation>
    </message>
</context>
<context>
    <name>shoal::gui::TorrentTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Down Speed</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Up Speed</source>
        <translation>Upload</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>Verhältnis</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>Peers</translation>
    </message>
    <message>
        <source>Added On</source>
        <translation>Hinzugefügt am</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <source>Save Path</source>
        <translation>Speicherort</translation>
    </message>
</context>
<context>
    <name>shoal::gui::TrackersTab</name>
    <message>
        <source>Working</source>
        <translation>Funktioniert</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Aktualisiere…</translation>
    </message>
    <message>
        <source>Not working</source>
        <translation>Funktioniert nicht</translation>
    </message>
    <message>
        <source>Not contacted yet</source>
        <translation>Noch nicht kontaktiert</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>Peers</translation>
    </message>
    <message>
        <source>Next announce</source>
        <translation>Nächste Ankündigung</translation>
    </message>
    <message>
        <source>Add trackers</source>
        <translation>Tracker hinzufügen</translation>
    </message>
    <message>
        <source>Edit tracker</source>
        <translation>Tracker bearbeiten</translation>
    </message>
    <message>
        <source>Remove trackers</source>
        <translation>Tracker entfernen</translation>
    </message>
    <message>
        <source>Tracker URLs, one per line:</source>
        <translation>Tracker-URLs, eine pro Zeile:</translation>
    </message>
    <message>
        <source>Tracker URL:</source>
        <translation>Tracker-URL:</translation>
    </message>
    <message>
        <source>Add trackers…</source>
        <translation>Tracker hinzufügen…</translation>
    </message>
    <message>
        <source>Edit tracker URL…</source>
        <translation>Tracker-URL bearbeiten…</translation>
    </message>
</context>
</TS>
