// The main window: sidebar | torrent table over details pane, toolbar with search, menus, status bar,
// tray icon. It owns the views; the session arrives later through the bridge (the window paints before
// the library has loaded). Layout in main_window.cpp, torrent commands in main_window_actions.cpp.
//
// Threads: GUI thread only.
#pragma once

#include <QMainWindow>
#include <QStringList>
#include <QThreadPool>
#include <memory>
#include <vector>

#include "shoal/types.h"

class QAction;
class QLineEdit;
class QMenu;
class QSplitter;
class QSystemTrayIcon;
class QTableView;

namespace shoal {
struct Event;
class Session;
}

namespace shoal::gui {

class DetailsPane;
class SessionBridge;
class Sidebar;
class StatusBar;
class TorrentFilterModel;
class TorrentTableModel;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(SessionBridge& bridge, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens the add dialog for each .torrent path or magnet link (the command line, a second instance,
    // drag-and-drop and paste all come here). Items that arrive before the session is ready wait.
    void openItems(const QStringList& items);

    TorrentTableModel& model() { return *model_; }
    TorrentFilterModel& filter() { return *filter_; }
    QTableView& table() { return *table_; }
    DetailsPane& details() { return *details_; }
    Sidebar& sidebar() { return *sidebar_; }
    QLineEdit& searchBox() { return *search_; }
    // Torrents selected in the table, in view order.
    std::vector<TorrentId> selectedIds() const;
    void selectTorrent(TorrentId id);
    // Whether closing the window hides it to the tray instead of quitting (QSettings "minimizeToTray").
    void setMinimizeToTray(bool on);
    // The in-process session, kept while the window shows a daemon so "Disconnect" can come back to it.
    void setLocalSession(std::shared_ptr<Session> local);
    // Connects to a daemon's RPC on a worker thread and, once connected, shows it instead of the local
    // session (which keeps running). remoteConnected() tells how it went.
    void connectToDaemonAt(const QString& url, const QString& user, const QString& password);
    // Back to the local session.
    void disconnectFromDaemon();
    bool showsRemote() const { return remote_ != nullptr; }

Q_SIGNALS:
    void remoteConnected(bool ok, const QString& message);

public:
    // Closes the window for good (not to the tray) and ends the event loop: File > Quit, SIGTERM.
    void quit();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // main_window.cpp
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void buildTray();
    void restoreLayout();
    void saveLayout() const;
    void onSessionEvent(const Event& event);
    void onSelectionChanged();
    void updateActionStates();
    void showTableMenu(const QPoint& pos);
    void showHeaderMenu(const QPoint& pos);
    void updateTrayToolTip();

    // main_window_actions.cpp: every command works on the selected torrents.
    void addTorrentFile();
    void addMagnet();
    void createTorrent();
    void openPreferences();
    void connectToDaemon();
    void startSelected();
    void pauseSelected();
    void recheckSelected();
    void reannounceSelected();
    void removeSelected(bool withData);
    void openFolder();
    void copyMagnet();
    void moveSelected();
    void setLimitsOfSelected();
    void setCategoryOfSelected();
    void setTagsOfSelected();
    void queueSelected(int move);
    void pasteFromClipboard();
    void showAbout();
    void showCommandError(const QString& what, const QString& message);

    SessionBridge& bridge_;
    TorrentTableModel* model_;
    TorrentFilterModel* filter_;
    QTableView* table_ = nullptr;
    Sidebar* sidebar_ = nullptr;
    DetailsPane* details_ = nullptr;
    StatusBar* statusBar_ = nullptr;
    QLineEdit* search_ = nullptr;
    QSplitter* hSplit_ = nullptr;
    QSplitter* vSplit_ = nullptr;
    QSystemTrayIcon* tray_ = nullptr;
    QMenu* trayMenu_ = nullptr;
    bool minimizeToTray_ = false;
    bool quitting_ = false;
    QStringList pendingItems_;  // arrived before the session was attached
    std::shared_ptr<Session> local_;
    std::shared_ptr<Session> remote_;

    QAction* addFileAction_ = nullptr;
    QAction* addMagnetAction_ = nullptr;
    QAction* createAction_ = nullptr;
    QAction* connectAction_ = nullptr;
    QAction* disconnectAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* startAction_ = nullptr;
    QAction* pauseAction_ = nullptr;
    QAction* recheckAction_ = nullptr;
    QAction* reannounceAction_ = nullptr;
    QAction* removeAction_ = nullptr;
    QAction* removeDataAction_ = nullptr;
    QAction* openFolderAction_ = nullptr;
    QAction* copyMagnetAction_ = nullptr;
    QAction* moveAction_ = nullptr;
    QAction* limitsAction_ = nullptr;
    QAction* categoryAction_ = nullptr;
    QAction* tagsAction_ = nullptr;
    QAction* queueTopAction_ = nullptr;
    QAction* queueUpAction_ = nullptr;
    QAction* queueDownAction_ = nullptr;
    QAction* queueBottomAction_ = nullptr;
    QAction* preferencesAction_ = nullptr;
    QAction* pasteAction_ = nullptr;
    QAction* sidebarAction_ = nullptr;
    QAction* detailsAction_ = nullptr;
    QAction* aboutAction_ = nullptr;

    // Connecting to and closing a remote session block (an RPC handshake, the poller's last request):
    // done here, off the GUI thread. Declared last, so it is destroyed first and waits for that work
    // while the window still exists.
    QThreadPool remoteWork_;
};

}  // namespace shoal::gui
