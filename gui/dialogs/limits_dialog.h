// Per-torrent rate limits (the main window's "Set limits"): download and upload in KiB/s, 0 = unlimited.
//
// Threads: GUI thread only. The caller applies the result (Session::setLimits through the bridge).
#pragma once

#include <QDialog>

class QSpinBox;

namespace shoal::gui {

class LimitsDialog : public QDialog {
    Q_OBJECT

public:
    // Limits in bytes/s, 0 = unlimited (as TorrentStatus and Session::setLimits have them).
    LimitsDialog(int downloadLimit, int uploadLimit, QWidget* parent = nullptr);

    int downloadLimit() const;  // bytes/s, 0 = unlimited
    int uploadLimit() const;
    void setLimits(int downloadLimit, int uploadLimit);

private:
    QSpinBox* down_ = nullptr;
    QSpinBox* up_ = nullptr;
};

}  // namespace shoal::gui
