// The create-torrent dialog over core's createTorrent(): source file or folder, v1/v2/hybrid, piece size,
// trackers (blank line = new tier), web seeds, private, comment, source tag, output path; progress and
// cancel; optionally seeds the result at once.
//
// Threads: the dialog lives on the GUI thread. Hashing and writing the .torrent run on one std::thread
// that reports back with queued calls; Cancel sets the atomic flag createTorrent() polls. The destructor
// cancels and joins that thread, so no queued call can outlive the dialog.
#pragma once

#include <QDialog>
#include <QString>
#include <atomic>
#include <memory>
#include <thread>

#include "app/session_bridge.h"
#include "shoal/create.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace shoal::gui {

class CreateTorrentDialog : public QDialog {
    Q_OBJECT

public:
    CreateTorrentDialog(SessionBridge& bridge, QWidget* parent = nullptr);
    ~CreateTorrentDialog() override;

    // Form access for the window (a dropped folder) and for tests.
    void setSourcePath(const QString& path);  // also proposes <parent>/<name>.torrent as output
    void setOutputPath(const QString& path);
    QString outputPath() const;
    void setVersion(TorrentVersion version);
    void setPieceSize(std::int64_t bytes);  // 0 = auto; otherwise a power of two from 16 KiB
    void setTrackersText(const QString& text);
    void setStartSeeding(bool seed);

    // The request the form describes; an empty source means the form is incomplete.
    CreateRequest buildRequest() const;

    // Starts hashing on the worker (ignored while running). Outcomes arrive as finished().
    void startCreate();
    // Asks the worker to stop; finished(false, "cancelled") follows.
    void cancelCreate();
    bool isRunning() const { return running_; }

    void reject() override;  // cancels a running job instead of closing

Q_SIGNALS:
    void progressChanged(qint64 bytesHashed, qint64 totalBytes);
    // ok: the .torrent was written (and, if asked, handed to the session to seed); message says where or
    // why not, in one line.
    void finished(bool ok, const QString& message);

private:
    void buildUi();
    void setRunning(bool running);
    void onWorkerDone(bool ok, const QString& message, std::vector<char> torrentBytes);

    SessionBridge& bridge_;
    std::thread worker_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    bool running_ = false;
    QString runningSource_;  // the source of the running job, for "Start seeding"

    QLineEdit* source_ = nullptr;
    QComboBox* version_ = nullptr;
    QComboBox* pieceSize_ = nullptr;
    QPlainTextEdit* trackers_ = nullptr;
    QPlainTextEdit* webSeeds_ = nullptr;
    QCheckBox* private_ = nullptr;
    QLineEdit* comment_ = nullptr;
    QLineEdit* sourceTag_ = nullptr;
    QLineEdit* output_ = nullptr;
    QCheckBox* startSeeding_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QWidget* form_ = nullptr;
    QPushButton* createButton_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

// Tracker text -> tiers: one URL per line, a blank line starts a new tier (as qBittorrent's dialog).
std::vector<std::vector<std::string>> parseTrackerTiers(const QString& text);

}  // namespace shoal::gui
