// The add dialog for a .torrent file, a magnet link or a bare info-hash: what it is (name, size, hashes,
// files), where it goes (save path with remembered history), how it starts (paused, sequential) and how
// it is filed (category, tags). OK builds an AddRequest and hands it to SessionBridge::add().
//
// Magnets. The session has no hidden "metadata only" mode, so the dialog cannot learn a magnet's files
// before it is added. Instead, OK adds the magnet at once (running, so that it can fetch the metadata;
// its row appears, "Downloading metadata") and the dialog stays open showing "Fetching metadata…".
// When MetadataReceived arrives for that torrent, the file tree is filled from its details; OK then
// applies the selection with setFilePriorities(), and Close keeps every file. The torrent keeps running
// while the user chooses, so unticked files may get some data meanwhile. Holding it paused instead was
// tried and dropped: the pause disconnects its peers, and libtorrent waits ~60 s before it dials a
// disconnected peer again, so a small swarm stalled for a minute after OK. "Start paused" is honoured
// when the user is done (a paused magnet would fetch no metadata). A torrent that is already in the list
// is added (its trackers merged) and the dialog closes at once.
//
// Threads: GUI thread only. Reading a .torrent file is small and done here; everything that waits on
// the engine goes through the bridge's worker pool.
#pragma once

#include <QDialog>
#include <QString>

#include "app/session_bridge.h"
#include "shoal/add_request.h"
#include "shoal/metainfo.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace shoal::gui {

class FileSelectionTree;

class AddTorrentDialog : public QDialog {
    Q_OBJECT

public:
    enum class Stage {
        Options,             // choosing; nothing added yet
        WaitingForMetadata,  // magnet added, metadata not here yet
        ChoosingFiles,       // magnet's metadata here, the files shown until OK or Close
        Done,
    };

    AddTorrentDialog(SessionBridge& bridge, QWidget* parent = nullptr);

    // A .torrent path (or file:// URL), a magnet link or an info-hash. On bad input returns false and
    // shows the one-line reason in the dialog (also errorText()); OK stays disabled.
    bool setSource(const QString& fileOrMagnet);
    QString errorText() const;

    // The request OK would send, from the current state of the form.
    AddRequest buildRequest() const;
    QString savePath() const;
    void setSavePath(const QString& path);
    FileSelectionTree* fileTree() const { return tree_; }
    Stage stage() const { return stage_; }
    // The magnet's id once the session has accepted it (kNoTorrent before).
    TorrentId addedId() const { return addedId_; }

    void accept() override;
    void reject() override;

Q_SIGNALS:
    // A magnet's metadata arrived and its files are in the tree (tests and the window wait on it).
    void filesShown();

private:
    void buildUi();
    void showError(const QString& message);
    void showSummary();
    void updateSelectedSize();
    void rememberSavePath();
    bool alreadyInSession() const;
    bool matchesOurHash(TorrentId id) const;
    void onAdded(TorrentId id);
    void onMetadata();
    void onDetails(const TorrentDetails& details);

    SessionBridge& bridge_;
    AddRequest request_;  // the source part (bytes, magnet or hash) from setSource()
    TorrentSummary summary_;
    bool haveSource_ = false;
    Stage stage_ = Stage::Options;
    TorrentId addedId_ = kNoTorrent;
    int detailsRetries_ = 0;
    bool startPaused_ = false;  // what the user chose, kept once the form is locked

    QLabel* nameLabel_ = nullptr;
    QLabel* sizeLabel_ = nullptr;
    QLabel* hashV1Label_ = nullptr;
    QLabel* hashV2Label_ = nullptr;
    QLabel* commentLabel_ = nullptr;
    QComboBox* savePath_ = nullptr;
    QCheckBox* paused_ = nullptr;
    QCheckBox* sequential_ = nullptr;
    QComboBox* category_ = nullptr;
    QLineEdit* tags_ = nullptr;
    QStackedWidget* filesStack_ = nullptr;  // page 0: the tree, page 1: "Fetching metadata…"
    FileSelectionTree* tree_ = nullptr;
    QLabel* waitingLabel_ = nullptr;
    QLabel* selectedLabel_ = nullptr;
    QLabel* errorLabel_ = nullptr;
    QWidget* optionsBox_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

}  // namespace shoal::gui
