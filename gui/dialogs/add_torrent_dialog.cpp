// The add dialog: source -> summary and file tree; form -> AddRequest; the magnet's metadata stage.
#include "dialogs/add_torrent_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>
#include <set>

#include "dialogs/file_selection_tree.h"
#include "model/format.h"

namespace shoal::gui {

namespace {
// UI state only (QSettings): the save paths the user picked, most recent first.
constexpr auto kHistoryKey = "AddTorrentDialog/savePathHistory";
constexpr int kHistorySize = 10;

QLabel* selectableLabel() {
    auto* label = new QLabel;
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}
}  // namespace

AddTorrentDialog::AddTorrentDialog(SessionBridge& bridge, QWidget* parent)
    : QDialog(parent), bridge_(bridge) {
    setWindowTitle(tr("Add Torrent"));
    buildUi();
    connect(&bridge_, &SessionBridge::torrentAdded, this, &AddTorrentDialog::onAdded);
    connect(&bridge_, &SessionBridge::eventReceived, this, [this](const Event& e) {
        if (e.type == EventType::MetadataReceived && e.id == addedId_ && addedId_ != kNoTorrent) onMetadata();
    });
    connect(&bridge_, &SessionBridge::detailsReady, this, &AddTorrentDialog::onDetails);
    connect(&bridge_, &SessionBridge::commandFailed, this, [this](const QString&, const QString& message) {
        // While we wait for our own add, a failure is most likely ours; the main window shows it too.
        if (stage_ == Stage::WaitingForMetadata && addedId_ == kNoTorrent) showError(message);
    });
}

void AddTorrentDialog::buildUi() {
    nameLabel_ = selectableLabel();
    sizeLabel_ = selectableLabel();
    hashV1Label_ = selectableLabel();
    hashV2Label_ = selectableLabel();
    commentLabel_ = selectableLabel();
    auto* info = new QFormLayout;
    info->addRow(tr("Name:"), nameLabel_);
    info->addRow(tr("Size:"), sizeLabel_);
    info->addRow(tr("Info hash v1:"), hashV1Label_);
    info->addRow(tr("Info hash v2:"), hashV2Label_);
    info->addRow(tr("Comment:"), commentLabel_);

    savePath_ = new QComboBox;
    savePath_->setEditable(true);
    savePath_->setInsertPolicy(QComboBox::NoInsert);
    savePath_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    const QString defaultPath = QString::fromStdString(
        bridge_.settings().defaultSavePath);
    const QStringList history = QSettings().value(QLatin1String(kHistoryKey)).toStringList();
    savePath_->addItems(history);
    if (!defaultPath.isEmpty() && !history.contains(defaultPath)) savePath_->addItem(defaultPath);
    savePath_->lineEdit()->setPlaceholderText(
        QStandardPaths::writableLocation(QStandardPaths::DownloadLocation));
    savePath_->setCurrentText(history.isEmpty() ? defaultPath : history.first());
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose save path"), savePath());
        if (!dir.isEmpty()) savePath_->setCurrentText(dir);
    });
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(savePath_, 1);
    pathRow->addWidget(browse);

    paused_ = new QCheckBox(tr("Start paused"));
    sequential_ = new QCheckBox(tr("Download in sequential order"));
    category_ = new QComboBox;
    category_->setEditable(true);
    category_->addItem(QString());
    if (bridge_.session() != nullptr) {
        std::set<std::string> categories;
        for (const TorrentStatus& s : bridge_.session()->torrents()) {
            if (!s.category.empty()) categories.insert(s.category);
        }
        for (const std::string& c : categories) category_->addItem(QString::fromStdString(c));
    }
    tags_ = new QLineEdit;
    tags_->setPlaceholderText(tr("Comma-separated, e.g. linux, iso"));

    optionsBox_ = new QWidget;
    auto* options = new QFormLayout(optionsBox_);
    options->setContentsMargins(0, 0, 0, 0);
    options->addRow(tr("Save to:"), pathRow);
    options->addRow(QString(), paused_);
    options->addRow(QString(), sequential_);
    options->addRow(tr("Category:"), category_);
    options->addRow(tr("Tags:"), tags_);

    tree_ = new FileSelectionTree;
    connect(tree_, &FileSelectionTree::selectionChanged, this, &AddTorrentDialog::updateSelectedSize);
    waitingLabel_ = new QLabel(tr("Fetching metadata…"));
    waitingLabel_->setAlignment(Qt::AlignCenter);
    filesStack_ = new QStackedWidget;
    filesStack_->addWidget(tree_);
    filesStack_->addWidget(waitingLabel_);
    auto* all = new QPushButton(tr("Select All"));
    auto* none = new QPushButton(tr("Select None"));
    connect(all, &QPushButton::clicked, this, [this] { tree_->setAllChecked(true); });
    connect(none, &QPushButton::clicked, this, [this] { tree_->setAllChecked(false); });
    selectedLabel_ = new QLabel;
    auto* selectRow = new QHBoxLayout;
    selectRow->addWidget(all);
    selectRow->addWidget(none);
    selectRow->addStretch();
    selectRow->addWidget(selectedLabel_);

    errorLabel_ = new QLabel;
    errorLabel_->setStyleSheet(QStringLiteral("color: #c01c28"));
    errorLabel_->setWordWrap(true);
    errorLabel_->hide();

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(buttons_, &QDialogButtonBox::accepted, this, &AddTorrentDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &AddTorrentDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(info);
    layout->addWidget(optionsBox_);
    layout->addWidget(filesStack_, 1);
    layout->addLayout(selectRow);
    layout->addWidget(errorLabel_);
    layout->addWidget(buttons_);
    resize(640, 560);
}

bool AddTorrentDialog::setSource(const QString& fileOrMagnet) {
    QString text = fileOrMagnet.trimmed();
    if (text.startsWith(QLatin1String("file:"), Qt::CaseInsensitive)) text = QUrl(text).toLocalFile();
    haveSource_ = false;
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
    auto parsed = parseTorrentSource(text.toStdString());
    if (!parsed) {
        showError(QString::fromStdString(parsed.error().message));
        return false;
    }
    request_ = std::move(parsed.value());
    Result<TorrentSummary> summary = makeError(ErrorCode::BadInput, "");
    if (!request_.torrentBytes.empty()) {
        summary = summarizeTorrent(request_.torrentBytes);
    } else if (!request_.magnetUri.empty()) {
        summary = summarizeMagnet(request_.magnetUri);
    } else {
        // A bare info-hash: the same as a magnet that names nothing but the hash.
        const std::string& h = request_.infoHash;
        summary =
            summarizeMagnet(h.size() == 40 ? "magnet:?xt=urn:btih:" + h : "magnet:?xt=urn:btmh:1220" + h);
    }
    if (!summary) {
        showError(QString::fromStdString(summary.error().message));
        return false;
    }
    summary_ = std::move(summary.value());
    haveSource_ = true;
    errorLabel_->hide();
    showSummary();
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(true);
    return true;
}

QString AddTorrentDialog::errorText() const {
    return !errorLabel_->isHidden() ? errorLabel_->text() : QString();
}

void AddTorrentDialog::showError(const QString& message) {
    errorLabel_->setText(message);
    errorLabel_->show();
}

void AddTorrentDialog::showSummary() {
    nameLabel_->setText(summary_.name.empty() ? tr("(unknown until metadata arrives)")
                                              : QString::fromStdString(summary_.name));
    sizeLabel_->setText(summary_.hasMetadata ? formatSize(summary_.totalSize) : tr("Unknown"));
    hashV1Label_->setText(summary_.hashes.v1.empty() ? tr("N/A")
                                                     : QString::fromStdString(summary_.hashes.v1));
    hashV2Label_->setText(summary_.hashes.v2.empty() ? tr("N/A")
                                                     : QString::fromStdString(summary_.hashes.v2));
    commentLabel_->setText(QString::fromStdString(summary_.comment));
    tree_->setFiles(summary_.files);
    if (alreadyInSession()) {
        showError(tr("This torrent is already in the list; adding it merges its trackers."));
    }
    filesStack_->setCurrentIndex(summary_.hasMetadata ? 0 : 1);
    if (!summary_.hasMetadata) {
        waitingLabel_->setText(tr("The file list will be shown once the metadata arrives from peers."));
    }
    updateSelectedSize();
}

void AddTorrentDialog::updateSelectedSize() {
    if (tree_->fileCount() == 0) {
        selectedLabel_->clear();
        return;
    }
    selectedLabel_->setText(tr("Selected: %1").arg(formatSize(tree_->selectedSize())));
    // A torrent with nothing selected would be added and never download: not what anyone means.
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(haveSource_ && tree_->selectedSize() > 0);
}

QString AddTorrentDialog::savePath() const { return savePath_->currentText().trimmed(); }

void AddTorrentDialog::setSavePath(const QString& path) { savePath_->setCurrentText(path); }

AddRequest AddTorrentDialog::buildRequest() const {
    AddRequest request;
    request.torrentBytes = request_.torrentBytes;
    request.magnetUri = request_.magnetUri;
    request.infoHash = request_.infoHash;
    // The default path is sent as "no path": the session then applies its incomplete-downloads folder.
    const std::string path = savePath().toStdString();
    const std::string defaultPath = bridge_.settings().defaultSavePath;
    if (path != defaultPath) request.savePath = path;
    request.paused = paused_->isChecked();
    request.sequential = sequential_->isChecked();
    request.category = category_->currentText().trimmed().toStdString();
    for (const QString& tag : tags_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!tag.trimmed().isEmpty()) request.tags.push_back(tag.trimmed().toStdString());
    }
    if (summary_.hasMetadata) {
        std::vector<FilePriority> priorities = tree_->priorities();
        bool anySkipped = false;
        for (FilePriority p : priorities) anySkipped = anySkipped || p == FilePriority::Skip;
        if (anySkipped) request.filePriorities = std::move(priorities);
    }
    return request;
}

void AddTorrentDialog::rememberSavePath() {
    const QString path = savePath();
    if (path.isEmpty()) return;
    QSettings settings;
    QStringList history = settings.value(QLatin1String(kHistoryKey)).toStringList();
    history.removeAll(path);
    history.prepend(path);
    while (history.size() > kHistorySize) history.removeLast();
    settings.setValue(QLatin1String(kHistoryKey), history);
}

bool AddTorrentDialog::alreadyInSession() const {
    if (bridge_.session() == nullptr) return false;
    for (const TorrentStatus& s : bridge_.session()->torrents()) {
        if (matchesOurHash(s.id)) return true;
    }
    return false;
}

bool AddTorrentDialog::matchesOurHash(TorrentId id) const {
    if (bridge_.session() == nullptr) return false;
    const auto status = bridge_.session()->status(id);
    if (!status) return false;
    const InfoHashes& ours = summary_.hashes;
    return (!ours.v1.empty() && ours.v1 == status->hashes.v1) ||
           (!ours.v2.empty() && ours.v2 == status->hashes.v2);
}

void AddTorrentDialog::accept() {
    if (stage_ == Stage::ChoosingFiles) {
        // Priorities, then the pause asked for, in one job so the pool cannot reorder them.
        const std::vector<FilePriority> priorities = tree_->priorities();
        const bool pause = startPaused_;
        bridge_.run(tr("Add"), [id = addedId_, priorities, pause](Session& s) -> Result<void> {
            if (auto r = s.setFilePriorities(id, priorities); !r) return r;
            return pause ? s.pause(id) : Result<void>();
        });
        stage_ = Stage::Done;
        QDialog::accept();
        return;
    }
    if (stage_ != Stage::Options || !haveSource_) return;
    AddRequest request = buildRequest();
    startPaused_ = request.paused;
    rememberSavePath();
    if (summary_.hasMetadata || alreadyInSession()) {
        bridge_.add(std::move(request));
        stage_ = Stage::Done;
        QDialog::accept();
        return;
    }
    // A magnet: it must run to fetch its metadata; "Start paused" is honoured once the files are chosen.
    request.paused = false;
    bridge_.add(std::move(request));
    stage_ = Stage::WaitingForMetadata;
    optionsBox_->setEnabled(false);
    waitingLabel_->setText(tr("Fetching metadata…"));
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Download Selected"));
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
    buttons_->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
    buttons_->button(QDialogButtonBox::Cancel)->setToolTip(tr("Keep the torrent and download all its files"));
}

void AddTorrentDialog::reject() {
    // Once added, closing keeps the torrent with every file; "Start paused" still holds.
    if ((stage_ == Stage::WaitingForMetadata || stage_ == Stage::ChoosingFiles) && startPaused_ &&
        addedId_ != kNoTorrent) {
        bridge_.run(tr("Add"), [id = addedId_](Session& s) { return s.pause(id); });
    }
    stage_ = Stage::Done;
    QDialog::reject();
}

void AddTorrentDialog::onAdded(TorrentId id) {
    if (stage_ != Stage::WaitingForMetadata || addedId_ != kNoTorrent || !matchesOurHash(id)) return;
    addedId_ = id;
    // The metadata may have come before this reply (both travel through queued calls).
    if (const auto status = bridge_.session()->status(id); status && status->hasMetadata) onMetadata();
}

void AddTorrentDialog::onMetadata() {
    if (stage_ != Stage::WaitingForMetadata) return;
    bridge_.requestDetails(addedId_);  // the details carry the file list
}

void AddTorrentDialog::onDetails(const TorrentDetails& details) {
    if (stage_ != Stage::WaitingForMetadata || details.status.id != addedId_) return;
    if (details.files.empty()) {
        // A request that was in flight before the metadata came (the details pane's): ask again.
        if (++detailsRetries_ <= 5) bridge_.requestDetails(addedId_);
        return;
    }
    summary_.hasMetadata = true;
    summary_.name = details.status.name;
    summary_.totalSize = details.status.totalSize;
    summary_.comment = details.comment;
    nameLabel_->setText(QString::fromStdString(summary_.name));
    sizeLabel_->setText(formatSize(summary_.totalSize));
    commentLabel_->setText(QString::fromStdString(summary_.comment));
    tree_->setFiles(details.files);
    filesStack_->setCurrentIndex(0);
    stage_ = Stage::ChoosingFiles;
    updateSelectedSize();
    Q_EMIT filesShown();
}

}  // namespace shoal::gui
