// MainWindow: layout, actions, menus, tray and the persistence of the window's own state (QSettings: UI
// state only; torrents and preferences live in the library).
#include "widgets/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <utility>

#include "app/session_bridge.h"
#include "details/details_pane.h"
#include "model/torrent_filter_model.h"
#include "model/torrent_table_model.h"
#include "details/progress_delegate.h"
#include "widgets/sidebar.h"
#include "widgets/status_bar.h"

namespace shoal::gui {

namespace {

QIcon themed(const char* name, QStyle::StandardPixmap fallback) {
    return QIcon::fromTheme(QLatin1String(name), QApplication::style()->standardIcon(fallback));
}

}  // namespace

MainWindow::MainWindow(SessionBridge& bridge, QWidget* parent)
    : QMainWindow(parent), bridge_(bridge), model_(new TorrentTableModel(this)), filter_(new TorrentFilterModel(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Shoal"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/shoal.svg")));
    setAcceptDrops(true);
    filter_->setSourceModel(model_);

    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("torrentTable"));
    table_->setModel(filter_);
    table_->setSortingEnabled(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setAlternatingRowColors(true);
    table_->setShowGrid(false);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    // Uniform row heights: the view never measures 10,000 rows.
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
    table_->horizontalHeader()->setSectionsMovable(true);
    table_->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    table_->horizontalHeader()->setStretchLastSection(false);
    table_->setItemDelegateForColumn(TorrentTableModel::Progress, new ProgressDelegate(TorrentTableModel::ProgressRole, table_));
    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    table_->sortByColumn(TorrentTableModel::Added, Qt::AscendingOrder);
    table_->setColumnWidth(TorrentTableModel::Name, 320);
    table_->setColumnWidth(TorrentTableModel::Progress, 120);
    for (int c : {TorrentTableModel::QueuePosition, TorrentTableModel::Uploaded, TorrentTableModel::SavePath})
        table_->setColumnHidden(c, true);

    sidebar_ = new Sidebar(*model_, *filter_, this);
    details_ = new DetailsPane(bridge_, this);
    statusBar_ = new StatusBar(bridge_, this);
    setStatusBar(statusBar_);

    vSplit_ = new QSplitter(Qt::Vertical, this);
    vSplit_->setObjectName(QStringLiteral("tableDetailsSplitter"));
    vSplit_->addWidget(table_);
    vSplit_->addWidget(details_);
    vSplit_->setStretchFactor(0, 3);
    vSplit_->setStretchFactor(1, 2);
    hSplit_ = new QSplitter(Qt::Horizontal, this);
    hSplit_->setObjectName(QStringLiteral("sidebarSplitter"));
    hSplit_->addWidget(sidebar_);
    hSplit_->addWidget(vSplit_);
    hSplit_->setStretchFactor(1, 1);
    setCentralWidget(hSplit_);

    buildActions();
    buildMenus();
    buildToolBar();
    buildTray();
    restoreLayout();

    connect(&bridge_, &SessionBridge::statusesChanged, model_, &TorrentTableModel::updateStatuses);
    connect(&bridge_, &SessionBridge::torrentsRemoved, model_, &TorrentTableModel::removeTorrents);
    connect(&bridge_, &SessionBridge::eventReceived, this, &MainWindow::onSessionEvent);
    connect(&bridge_, &SessionBridge::commandFailed, this, &MainWindow::showCommandError);
    connect(&bridge_, &SessionBridge::sessionAttached, this, [this] {
        updateActionStates();
        const QStringList items = std::exchange(pendingItems_, {});
        if (!items.isEmpty()) openItems(items);
    });
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(table_, &QWidget::customContextMenuRequested, this, &MainWindow::showTableMenu);
    connect(table_->horizontalHeader(), &QWidget::customContextMenuRequested, this, &MainWindow::showHeaderMenu);
    connect(table_, &QAbstractItemView::doubleClicked, this, [this] { openFolder(); });
    connect(search_, &QLineEdit::textChanged, filter_, &TorrentFilterModel::setSearchText);
    connect(model_, &TorrentTableModel::contentsUpdated, this, &MainWindow::updateActionStates);
    connect(&bridge_, &SessionBridge::settingsChanged, this, &MainWindow::updateActionStates);
    updateActionStates();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions() {
    auto make = [this](const QString& text, const QIcon& icon, const QKeySequence& key, auto slot) {
        auto* action = new QAction(icon, text, this);
        if (!key.isEmpty()) action->setShortcut(key);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    addFileAction_ = make(tr("Add Torrent &File…"), themed("list-add", QStyle::SP_FileIcon), QKeySequence::Open,
                          &MainWindow::addTorrentFile);
    addMagnetAction_ = make(tr("Add &Magnet Link…"), themed("insert-link", QStyle::SP_DriveNetIcon),
                            QKeySequence(tr("Ctrl+U")), &MainWindow::addMagnet);
    createAction_ = make(tr("&Create Torrent…"), themed("document-new", QStyle::SP_FileDialogNewFolder),
                         QKeySequence::New, &MainWindow::createTorrent);
    connectAction_ = make(tr("Connect to &Daemon…"), themed("network-server", QStyle::SP_DriveNetIcon), {},
                          &MainWindow::connectToDaemon);
    disconnectAction_ = make(tr("&Back to the Local Library"), themed("go-home", QStyle::SP_DirHomeIcon), {},
                             &MainWindow::disconnectFromDaemon);
    disconnectAction_->setEnabled(false);
    quitAction_ = make(tr("&Quit"), themed("application-exit", QStyle::SP_DialogCloseButton), QKeySequence::Quit,
                       &MainWindow::quit);
    startAction_ = make(tr("&Start"), themed("media-playback-start", QStyle::SP_MediaPlay), QKeySequence(tr("Ctrl+S")),
                        &MainWindow::startSelected);
    pauseAction_ = make(tr("&Pause"), themed("media-playback-pause", QStyle::SP_MediaPause), QKeySequence(tr("Ctrl+P")),
                        &MainWindow::pauseSelected);
    recheckAction_ = make(tr("Force &Recheck"), themed("view-refresh", QStyle::SP_BrowserReload), {},
                          &MainWindow::recheckSelected);
    reannounceAction_ = make(tr("Force Re&announce"), themed("network-transmit", QStyle::SP_ArrowUp), {},
                             &MainWindow::reannounceSelected);
    removeAction_ = make(tr("&Remove"), themed("list-remove", QStyle::SP_TrashIcon), QKeySequence::Delete,
                         [this] { removeSelected(false); });
    removeDataAction_ = make(tr("Remove with &Data"), themed("edit-delete", QStyle::SP_TrashIcon),
                             QKeySequence(tr("Shift+Del")), [this] { removeSelected(true); });
    openFolderAction_ = make(tr("Open Containing &Folder"), themed("folder-open", QStyle::SP_DirOpenIcon), {},
                             &MainWindow::openFolder);
    copyMagnetAction_ = make(tr("Copy Ma&gnet Link"), themed("edit-copy", QStyle::SP_FileLinkIcon), {},
                             &MainWindow::copyMagnet);
    moveAction_ = make(tr("Set &Location…"), themed("folder-move", QStyle::SP_DirIcon), {}, &MainWindow::moveSelected);
    limitsAction_ = make(tr("Set &Limits…"), themed("speedometer", QStyle::SP_ComputerIcon), {},
                         &MainWindow::setLimitsOfSelected);
    categoryAction_ = make(tr("Set &Category…"), {}, {}, &MainWindow::setCategoryOfSelected);
    tagsAction_ = make(tr("Set &Tags…"), {}, {}, &MainWindow::setTagsOfSelected);
    queueTopAction_ = make(tr("Move to &Top"), themed("go-top", QStyle::SP_ArrowUp), {},
                           [this] { queueSelected(static_cast<int>(QueueMove::Top)); });
    queueUpAction_ = make(tr("Move &Up"), themed("go-up", QStyle::SP_ArrowUp), {},
                          [this] { queueSelected(static_cast<int>(QueueMove::Up)); });
    queueDownAction_ = make(tr("Move Do&wn"), themed("go-down", QStyle::SP_ArrowDown), {},
                            [this] { queueSelected(static_cast<int>(QueueMove::Down)); });
    queueBottomAction_ = make(tr("Move to &Bottom"), themed("go-bottom", QStyle::SP_ArrowDown), {},
                              [this] { queueSelected(static_cast<int>(QueueMove::Bottom)); });
    preferencesAction_ = make(tr("&Preferences…"), themed("preferences-system", QStyle::SP_FileDialogDetailedView),
                              QKeySequence::Preferences, &MainWindow::openPreferences);
    pasteAction_ = make(tr("&Paste Magnet or Path"), themed("edit-paste", QStyle::SP_DialogOpenButton),
                        QKeySequence::Paste, &MainWindow::pasteFromClipboard);
    aboutAction_ = make(tr("&About Shoal"), windowIcon(), {}, &MainWindow::showAbout);
    sidebarAction_ = new QAction(tr("Show &Sidebar"), this);
    sidebarAction_->setCheckable(true);
    sidebarAction_->setChecked(true);
    connect(sidebarAction_, &QAction::toggled, sidebar_, &QWidget::setVisible);
    detailsAction_ = new QAction(tr("Show &Details"), this);
    detailsAction_->setCheckable(true);
    detailsAction_->setChecked(true);
    connect(detailsAction_, &QAction::toggled, details_, &QWidget::setVisible);
    addAction(pasteAction_);  // a window-wide shortcut even without a menu open
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addActions({addFileAction_, addMagnetAction_, createAction_});
    file->addSeparator();
    file->addActions({connectAction_, disconnectAction_});
    file->addSeparator();
    file->addAction(quitAction_);
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({startAction_, pauseAction_, recheckAction_, reannounceAction_});
    edit->addSeparator();
    edit->addActions({removeAction_, removeDataAction_});
    edit->addSeparator();
    edit->addActions({moveAction_, limitsAction_, categoryAction_, tagsAction_, copyMagnetAction_, openFolderAction_});
    QMenu* queue = edit->addMenu(tr("&Queue"));
    queue->addActions({queueTopAction_, queueUpAction_, queueDownAction_, queueBottomAction_});
    edit->addSeparator();
    edit->addAction(pasteAction_);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addActions({sidebarAction_, detailsAction_});
    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(preferencesAction_);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(aboutAction_);
}

void MainWindow::buildToolBar() {
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    bar->addActions({addFileAction_, addMagnetAction_, createAction_});
    bar->addSeparator();
    bar->addActions({startAction_, pauseAction_, removeAction_});
    bar->addSeparator();
    bar->addActions({queueUpAction_, queueDownAction_});
    bar->addSeparator();
    bar->addAction(preferencesAction_);
    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    search_ = new QLineEdit(bar);
    search_->setObjectName(QStringLiteral("searchBox"));
    search_->setPlaceholderText(tr("Filter torrent names…"));
    search_->setClearButtonEnabled(true);
    search_->setMaximumWidth(260);
    bar->addWidget(search_);
}

void MainWindow::buildTray() {
    if (!QSystemTrayIcon::isSystemTrayAvailable()) return;
    tray_ = new QSystemTrayIcon(windowIcon(), this);
    trayMenu_ = new QMenu(this);
    QAction* show = trayMenu_->addAction(tr("Show Shoal"));
    connect(show, &QAction::triggered, this, [this] {
        showNormal();
        activateWindow();
    });
    trayMenu_->addSeparator();
    trayMenu_->addAction(quitAction_);
    tray_->setContextMenu(trayMenu_);
    connect(tray_, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason != QSystemTrayIcon::Trigger) return;
        if (isVisible() && !isMinimized()) {
            hide();
        } else {
            showNormal();
            activateWindow();
        }
    });
    tray_->show();
    auto* timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &MainWindow::updateTrayToolTip);
    timer->start(1000);
}

void MainWindow::updateTrayToolTip() {
    if (tray_ != nullptr) tray_->setToolTip(QStringLiteral("Shoal\n") + statusBar_->ratesText());
}

void MainWindow::setMinimizeToTray(bool on) {
    minimizeToTray_ = on;
    QSettings().setValue(QStringLiteral("window/minimizeToTray"), on);
}

void MainWindow::restoreLayout() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    table_->horizontalHeader()->restoreState(settings.value(QStringLiteral("window/columns")).toByteArray());
    hSplit_->restoreState(settings.value(QStringLiteral("window/sidebarSplit")).toByteArray());
    vSplit_->restoreState(settings.value(QStringLiteral("window/detailsSplit")).toByteArray());
    minimizeToTray_ = settings.value(QStringLiteral("window/minimizeToTray"), false).toBool();
    if (!settings.contains(QStringLiteral("window/geometry"))) resize(1200, 760);
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/columns"), table_->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("window/sidebarSplit"), hSplit_->saveState());
    settings.setValue(QStringLiteral("window/detailsSplit"), vSplit_->saveState());
}

void MainWindow::quit() {
    quitting_ = true;
    close();
    QApplication::quit();  // also when the window was hidden to the tray (close() does nothing then)
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!quitting_ && minimizeToTray_ && tray_ != nullptr && tray_->isVisible()) {
        hide();
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
    if (tray_ != nullptr) tray_->hide();
    QApplication::quit();
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange && isMinimized() && minimizeToTray_ && tray_ != nullptr)
        QMetaObject::invokeMethod(this, &QWidget::hide, Qt::QueuedConnection);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QMimeData* mime = event->mimeData();
    if (mime->hasUrls() || mime->hasText()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList items;
    const QMimeData* mime = event->mimeData();
    for (const QUrl& url : mime->urls()) items << (url.isLocalFile() ? url.toLocalFile() : url.toString());
    if (items.isEmpty() && mime->hasText()) items = mime->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    event->acceptProposedAction();
    openItems(items);
}

void MainWindow::onSessionEvent(const Event& event) {
    if (event.type == EventType::Finished && tray_ != nullptr && bridge_.session() != nullptr) {
        // Only a download that finished in this run is news; a torrent loaded complete is not.
        if (auto s = bridge_.session()->status(event.id); s && s->downloadedThisRun > 0)
            tray_->showMessage(tr("Download finished"), QString::fromStdString(s->name), windowIcon(), 5000);
    }
    if (event.type == EventType::Errored && event.id == details_->torrent()) details_->refreshNow();
}

std::vector<TorrentId> MainWindow::selectedIds() const {
    std::vector<TorrentId> ids;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        ids.push_back(index.data(TorrentTableModel::IdRole).toLongLong());
    return ids;
}

void MainWindow::selectTorrent(TorrentId id) {
    const int row = model_->rowOf(id);
    if (row < 0) return;
    const QModelIndex index = filter_->mapFromSource(model_->index(row, 0));
    if (!index.isValid()) return;
    table_->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(index);
}

void MainWindow::onSelectionChanged() {
    const auto ids = selectedIds();
    details_->setTorrent(ids.size() == 1 ? ids.front() : kNoTorrent);
    updateActionStates();
}

void MainWindow::updateActionStates() {
    const bool attached = bridge_.attached();
    const auto ids = selectedIds();
    const bool any = attached && !ids.empty();
    for (QAction* a : {startAction_, pauseAction_, recheckAction_, reannounceAction_, removeAction_, removeDataAction_,
                       moveAction_, limitsAction_, categoryAction_, tagsAction_, queueTopAction_, queueUpAction_,
                       queueDownAction_, queueBottomAction_, copyMagnetAction_, openFolderAction_})
        a->setEnabled(any);
    for (QAction* a : {addFileAction_, addMagnetAction_, pasteAction_}) a->setEnabled(attached);
    preferencesAction_->setEnabled(attached && bridge_.settingsKnown());
}

void MainWindow::showTableMenu(const QPoint& pos) {
    if (selectedIds().empty()) return;
    QMenu menu(this);
    menu.addActions({startAction_, pauseAction_});
    menu.addSeparator();
    menu.addActions({removeAction_, removeDataAction_});
    menu.addSeparator();
    menu.addActions({moveAction_, limitsAction_, categoryAction_, tagsAction_});
    QMenu* queue = menu.addMenu(tr("Queue"));
    queue->addActions({queueTopAction_, queueUpAction_, queueDownAction_, queueBottomAction_});
    menu.addSeparator();
    menu.addActions({recheckAction_, reannounceAction_});
    menu.addSeparator();
    menu.addActions({openFolderAction_, copyMagnetAction_});
    menu.exec(table_->viewport()->mapToGlobal(pos));
}

void MainWindow::showHeaderMenu(const QPoint& pos) {
    QMenu menu(this);
    for (int c = 0; c < model_->columnCount(); ++c) {
        QAction* a = menu.addAction(model_->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
        a->setCheckable(true);
        a->setChecked(!table_->isColumnHidden(c));
        a->setEnabled(c != TorrentTableModel::Name);
        connect(a, &QAction::toggled, this, [this, c](bool on) { table_->setColumnHidden(c, !on); });
    }
    menu.exec(table_->horizontalHeader()->mapToGlobal(pos));
}

}  // namespace shoal::gui
