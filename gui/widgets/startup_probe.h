// `shoal-gui --startup-report`: measures what the start-up benchmark asks (launch -> first paint of the
// main window, launch -> every library torrent listed in the table, the table painted again with them),
// prints one line of JSON on stdout and quits.
#pragma once

#include <QElapsedTimer>
#include <QObject>

namespace shoal::gui {

class MainWindow;
class SessionBridge;

class StartupProbe : public QObject {
    Q_OBJECT

public:
    StartupProbe(MainWindow& window, SessionBridge& bridge, const QElapsedTimer& sinceLaunch);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void maybeFinish();

    MainWindow& window_;
    SessionBridge& bridge_;
    QElapsedTimer sinceLaunch_;
    qint64 firstPaintMs_ = -1;
    qint64 attachedMs_ = -1;
    qint64 listedMs_ = -1;
    qint64 listedPaintMs_ = -1;
    int rows_ = 0;
};

}  // namespace shoal::gui
