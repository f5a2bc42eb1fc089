// Opens a LocalSession on a worker thread, so that the window paints at once and the library loads in the
// background (the engine re-adds stored torrents after open(); the bridge shows them as they come).
#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <thread>

#include "app/metatypes.h"
#include "shoal/local_session.h"

namespace shoal::gui {

class SessionLoader : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    // Waits for an open still under way: quitting while the library loads must not leave a thread
    // behind that outlives the application (seen as a crash on SIGTERM during start-up).
    ~SessionLoader() override;
    // Starts opening; exactly one of opened()/failed() follows on the GUI thread.
    void open(LocalSessionOptions options);

Q_SIGNALS:
    void opened(std::shared_ptr<shoal::LocalSession> session);
    void failed(const QString& message);

private:
    std::thread thread_;
};

}  // namespace shoal::gui
