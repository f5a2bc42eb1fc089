// SIGTERM/SIGINT/SIGHUP end shoal-gui as "Quit" does: the window closes, resume data is saved and the
// engine stops. A signal handler may only write to a pipe; a QSocketNotifier reads it on the GUI thread.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace shoal::gui {

class UnixSignals : public QObject {
    Q_OBJECT

public:
    explicit UnixSignals(QObject* parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    void quitRequested(int signal);

private:
    QSocketNotifier* notifier_ = nullptr;
};

}  // namespace shoal::gui
