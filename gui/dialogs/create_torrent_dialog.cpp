// The create-torrent dialog: the form, the worker thread that hashes and writes, and "Start seeding".
#include "dialogs/create_torrent_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <filesystem>
#include <fstream>

#include "model/format.h"

namespace shoal::gui {

namespace {
// Writes the .torrent next to its final name and renames it, so a crash never leaves half a file there.
QString writeTorrentFile(const std::filesystem::path& path, const std::vector<char>& bytes) {
    std::filesystem::path part = path;
    part += ".part";
    {
        std::ofstream out(part, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out)
            return CreateTorrentDialog::tr("cannot write %1").arg(QString::fromStdString(part.string()));
    }
    std::error_code ec;
    std::filesystem::rename(part, path, ec);
    if (ec) {
        std::filesystem::remove(part, ec);
        return CreateTorrentDialog::tr("cannot write %1").arg(QString::fromStdString(path.string()));
    }
    return {};
}

QStringList nonEmptyLines(const QString& text) {
    QStringList lines;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty()) lines << line.trimmed();
    }
    return lines;
}
}  // namespace

std::vector<std::vector<std::string>> parseTrackerTiers(const QString& text) {
    std::vector<std::vector<std::string>> tiers(1);
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        const QString url = line.trimmed();
        if (url.isEmpty()) {
            if (!tiers.back().empty()) tiers.emplace_back();
        } else {
            tiers.back().push_back(url.toStdString());
        }
    }
    if (tiers.back().empty()) tiers.pop_back();
    return tiers;
}

CreateTorrentDialog::CreateTorrentDialog(SessionBridge& bridge, QWidget* parent)
    : QDialog(parent), bridge_(bridge) {
    setWindowTitle(tr("Create Torrent"));
    buildUi();
}

CreateTorrentDialog::~CreateTorrentDialog() {
    // Joining here is what makes the worker's queued calls to `this` safe (see the header).
    if (cancel_) cancel_->store(true);
    if (worker_.joinable()) worker_.join();
}

void CreateTorrentDialog::buildUi() {
    source_ = new QLineEdit;
    source_->setPlaceholderText(tr("A file or a folder to share"));
    connect(source_, &QLineEdit::editingFinished, this, [this] { setSourcePath(source_->text()); });
    auto* pickFile = new QPushButton(tr("File…"));
    auto* pickFolder = new QPushButton(tr("Folder…"));
    connect(pickFile, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Choose a file to share"), source_->text());
        if (!f.isEmpty()) setSourcePath(f);
    });
    connect(pickFolder, &QPushButton::clicked, this, [this] {
        const QString d =
            QFileDialog::getExistingDirectory(this, tr("Choose a folder to share"), source_->text());
        if (!d.isEmpty()) setSourcePath(d);
    });
    auto* sourceRow = new QHBoxLayout;
    sourceRow->addWidget(source_, 1);
    sourceRow->addWidget(pickFile);
    sourceRow->addWidget(pickFolder);

    version_ = new QComboBox;
    version_->addItem(tr("Hybrid (v1 + v2)"), static_cast<int>(TorrentVersion::Hybrid));
    version_->addItem(tr("v1 only"), static_cast<int>(TorrentVersion::V1));
    version_->addItem(tr("v2 only"), static_cast<int>(TorrentVersion::V2));
    pieceSize_ = new QComboBox;
    pieceSize_->addItem(tr("Auto"), QVariant::fromValue<qint64>(0));
    for (qint64 size = 16 * 1024; size <= 32 * 1024 * 1024; size *= 2) {
        pieceSize_->addItem(formatSize(size), QVariant::fromValue(size));
    }

    trackers_ = new QPlainTextEdit;
    trackers_->setPlaceholderText(tr("One tracker URL per line; a blank line starts a new tier"));
    trackers_->setTabChangesFocus(true);
    webSeeds_ = new QPlainTextEdit;
    webSeeds_->setPlaceholderText(tr("One web seed URL per line"));
    webSeeds_->setTabChangesFocus(true);
    webSeeds_->setMaximumHeight(60);
    private_ = new QCheckBox(tr("Private torrent (no DHT, PEX or LSD)"));
    comment_ = new QLineEdit;
    sourceTag_ = new QLineEdit;
    sourceTag_->setPlaceholderText(tr("Optional; some private trackers ask for it"));

    output_ = new QLineEdit;
    auto* pickOutput = new QPushButton(tr("Save As…"));
    connect(pickOutput, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Save torrent file"), output_->text(),
                                                       tr("Torrent files (*.torrent)"));
        if (!f.isEmpty()) setOutputPath(f);
    });
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(output_, 1);
    outputRow->addWidget(pickOutput);
    startSeeding_ = new QCheckBox(tr("Start seeding when done"));
    startSeeding_->setChecked(true);

    form_ = new QWidget;
    auto* form = new QFormLayout(form_);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Source:"), sourceRow);
    form->addRow(tr("Format:"), version_);
    form->addRow(tr("Piece size:"), pieceSize_);
    form->addRow(tr("Trackers:"), trackers_);
    form->addRow(tr("Web seeds:"), webSeeds_);
    form->addRow(QString(), private_);
    form->addRow(tr("Comment:"), comment_);
    form->addRow(tr("Source tag:"), sourceTag_);
    form->addRow(tr("Save to:"), outputRow);
    form->addRow(QString(), startSeeding_);

    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setFormat(QStringLiteral("%p%"));
    status_ = new QLabel;
    status_->setWordWrap(true);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Close);
    createButton_ = buttons_->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    connect(createButton_, &QPushButton::clicked, this, &CreateTorrentDialog::startCreate);
    connect(buttons_, &QDialogButtonBox::rejected, this, &CreateTorrentDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(form_);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(buttons_);
    resize(600, 560);
}

void CreateTorrentDialog::setSourcePath(const QString& path) {
    QString clean = QDir::cleanPath(path.trimmed());
    source_->setText(clean);
    if (clean.isEmpty()) return;
    const QFileInfo info(clean);
    setOutputPath(info.absoluteDir().filePath(info.fileName() + QStringLiteral(".torrent")));
}

void CreateTorrentDialog::setOutputPath(const QString& path) { output_->setText(path); }
QString CreateTorrentDialog::outputPath() const { return output_->text().trimmed(); }

void CreateTorrentDialog::setVersion(TorrentVersion version) {
    version_->setCurrentIndex(version_->findData(static_cast<int>(version)));
}

void CreateTorrentDialog::setPieceSize(std::int64_t bytes) {
    const int index = pieceSize_->findData(QVariant::fromValue<qint64>(bytes));
    pieceSize_->setCurrentIndex(index < 0 ? 0 : index);
}

void CreateTorrentDialog::setTrackersText(const QString& text) { trackers_->setPlainText(text); }
void CreateTorrentDialog::setStartSeeding(bool seed) { startSeeding_->setChecked(seed); }

CreateRequest CreateTorrentDialog::buildRequest() const {
    CreateRequest request;
    request.source = std::filesystem::path(source_->text().trimmed().toStdString());
    request.version = static_cast<TorrentVersion>(version_->currentData().toInt());
    request.pieceSize = pieceSize_->currentData().toLongLong();
    request.trackerTiers = parseTrackerTiers(trackers_->toPlainText());
    for (const QString& url : nonEmptyLines(webSeeds_->toPlainText()))
        request.webSeeds.push_back(url.toStdString());
    request.isPrivate = private_->isChecked();
    request.comment = comment_->text().trimmed().toStdString();
    request.sourceTag = sourceTag_->text().trimmed().toStdString();
    request.createdBy = "Shoal/" SHOAL_VERSION;
    return request;
}

void CreateTorrentDialog::setRunning(bool running) {
    running_ = running;
    form_->setEnabled(!running);
    createButton_->setEnabled(!running);
    buttons_->button(QDialogButtonBox::Close)->setText(running ? tr("Cancel") : tr("Close"));
}

void CreateTorrentDialog::startCreate() {
    if (running_) return;
    const CreateRequest request = buildRequest();
    const QString output = outputPath();
    QString problem;
    if (request.source.empty()) {
        problem = tr("Choose a file or folder to share.");
    } else if (!QFileInfo::exists(source_->text().trimmed())) {
        problem = tr("No such file or folder: %1").arg(source_->text().trimmed());
    } else if (output.isEmpty()) {
        problem = tr("Choose where to save the torrent file.");
    }
    if (!problem.isEmpty()) {
        status_->setText(problem);
        Q_EMIT finished(false, problem);
        return;
    }
    if (worker_.joinable()) worker_.join();  // the previous job's thread, already done
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    runningSource_ = source_->text().trimmed();
    progress_->setValue(0);
    status_->setText(tr("Hashing…"));
    setRunning(true);

    worker_ = std::thread([this, request, output = output.toStdString(), cancel = cancel_] {
        // Report only when the shown value moves (per mille), not for every callback.
        auto lastShown = std::make_shared<std::atomic<int>>(-1);
        auto onProgress = [this, lastShown](const CreateProgress& p) {
            const int shown = p.totalBytes > 0 ? static_cast<int>(p.bytesHashed * 1000 / p.totalBytes) : 0;
            if (lastShown->exchange(shown) == shown) return;
            QMetaObject::invokeMethod(
                this,
                [this, p] {
                    if (!running_) return;
                    progress_->setValue(
                        p.totalBytes > 0 ? static_cast<int>(p.bytesHashed * 1000 / p.totalBytes) : 0);
                    Q_EMIT progressChanged(p.bytesHashed, p.totalBytes);
                },
                Qt::QueuedConnection);
        };
        auto created = createTorrent(request, onProgress, cancel.get());
        bool ok = false;
        QString message;
        std::vector<char> bytes;
        if (!created) {
            message = created.error().code == ErrorCode::Cancelled
                          ? tr("Cancelled.")
                          : QString::fromStdString(created.error().message);
        } else if (cancel->load()) {
            message = tr("Cancelled.");
        } else if (QString error = writeTorrentFile(output, created->bytes); !error.isEmpty()) {
            message = error;
        } else {
            ok = true;
            message = tr("Created %1 (%2, %3 pieces).")
                          .arg(QString::fromStdString(output), formatSize(created->totalSize))
                          .arg(created->numPieces);
            bytes = std::move(created->bytes);
        }
        QMetaObject::invokeMethod(
            this,
            [this, ok, message, bytes = std::move(bytes)]() mutable {
                onWorkerDone(ok, message, std::move(bytes));
            },
            Qt::QueuedConnection);
    });
}

void CreateTorrentDialog::onWorkerDone(bool ok, const QString& message, std::vector<char> torrentBytes) {
    if (worker_.joinable()) worker_.join();  // it posted this as its last act
    setRunning(false);
    status_->setText(message);
    if (ok) {
        progress_->setValue(progress_->maximum());
        if (startSeeding_->isChecked()) {
            // The data is where it was hashed: seed it from the source's parent without rechecking.
            AddRequest add;
            add.torrentBytes = std::move(torrentBytes);
            add.savePath = QFileInfo(runningSource_).absolutePath().toStdString();
            add.seedMode = true;
            bridge_.add(std::move(add));
        }
    } else {
        progress_->setValue(0);
    }
    Q_EMIT finished(ok, message);
}

void CreateTorrentDialog::cancelCreate() {
    if (!running_ || !cancel_) return;
    cancel_->store(true);
    status_->setText(tr("Cancelling…"));
}

void CreateTorrentDialog::reject() {
    if (running_) {
        cancelCreate();
        return;
    }
    QDialog::reject();
}

}  // namespace shoal::gui
