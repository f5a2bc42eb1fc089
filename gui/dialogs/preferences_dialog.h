// Preferences: Downloads, Connection, Speed and BitTorrent pages over core's typed Settings. The dialog
// loads the session's stored settings, lets the user edit the ones a person tunes, and applies them
// through the bridge; core validates and persists them in the SQLite library. Settings the dialog does
// not show (engine tuning, DHT bootstrap nodes, identity, ...) are carried over unchanged.
//
// Threads: GUI thread only; applying runs on the bridge's worker pool.
#pragma once

#include <QDialog>

#include "app/session_bridge.h"
#include "shoal/settings.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;
class QTimeEdit;

namespace shoal::gui {

class PreferencesDialog : public QDialog {
    Q_OBJECT

public:
    // Loads bridge.session()->settings() (default Settings without a session).
    PreferencesDialog(SessionBridge& bridge, QWidget* parent = nullptr);

    void load(const Settings& settings);
    // The settings the form describes: the loaded ones with the shown fields replaced.
    Settings collect() const;
    // Validates and sends collect() to the session; false (with the reason shown inline) if invalid.
    bool apply();
    QString errorText() const;
    QTabWidget* pages() const { return tabs_; }

    void accept() override;  // OK: apply, close once the session has taken them

Q_SIGNALS:
    // The session accepted and stored the settings sent by apply().
    void applied();

private:
    QWidget* buildDownloadsPage();
    QWidget* buildConnectionPage();
    QWidget* buildSpeedPage();
    QWidget* buildBitTorrentPage();
    void showError(const QString& message);

    SessionBridge& bridge_;
    Settings loaded_;
    bool pending_ = false;  // an apply() is on its way to the session
    bool closeWhenApplied_ = false;

    QTabWidget* tabs_ = nullptr;
    QLabel* errorLabel_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
    // Downloads
    QLineEdit* defaultPath_ = nullptr;
    QGroupBox* useIncomplete_ = nullptr;
    QLineEdit* incompletePath_ = nullptr;
    // Connection
    QSpinBox* port_ = nullptr;
    QSpinBox* connections_ = nullptr;
    QComboBox* encryption_ = nullptr;
    QCheckBox* upnp_ = nullptr;
    // Speed (KiB/s in the form, bytes/s in Settings)
    QSpinBox* down_ = nullptr;
    QSpinBox* up_ = nullptr;
    QSpinBox* altDown_ = nullptr;
    QSpinBox* altUp_ = nullptr;
    QCheckBox* altEnabled_ = nullptr;
    QGroupBox* altScheduled_ = nullptr;
    QTimeEdit* altFrom_ = nullptr;
    QTimeEdit* altTo_ = nullptr;
    QCheckBox* days_[7] = {};  // by Settings bit: 0 Sunday .. 6 Saturday
    // BitTorrent
    QCheckBox* dht_ = nullptr;
    QCheckBox* pex_ = nullptr;
    QCheckBox* lsd_ = nullptr;
    QGroupBox* queueing_ = nullptr;
    QSpinBox* activeDownloads_ = nullptr;
    QSpinBox* activeSeeds_ = nullptr;
    QSpinBox* activeLimit_ = nullptr;
    QCheckBox* ratioEnabled_ = nullptr;
    QDoubleSpinBox* ratio_ = nullptr;
    QCheckBox* seedTimeEnabled_ = nullptr;
    QSpinBox* seedMinutes_ = nullptr;
};

// "0.0.0.0:6881,[::]:6881" -> 6881 (the first entry's port; -1 if none can be read).
int listenPort(const std::string& listenInterfaces);
// Replaces the port of every entry, keeping each address (and libtorrent's "s" suffix for SSL).
std::string withListenPort(const std::string& listenInterfaces, int port);

}  // namespace shoal::gui
