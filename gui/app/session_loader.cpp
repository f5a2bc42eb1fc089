// SessionLoader: LocalSession::open on its own short-lived thread, the result queued back to the GUI.
#include "app/session_loader.h"

#include <QMetaObject>
#include <QPointer>
#include <thread>

namespace shoal::gui {

SessionLoader::~SessionLoader() {
    if (thread_.joinable()) thread_.join();
}

void SessionLoader::open(LocalSessionOptions options) {
    if (thread_.joinable()) thread_.join();
    QPointer<SessionLoader> self(this);
    thread_ = std::thread([self, options = std::move(options)]() mutable {
        auto result = LocalSession::open(std::move(options));
        std::shared_ptr<LocalSession> session;
        QString error;
        if (result) {
            session = std::move(result.value());
        } else {
            error = QString::fromStdString(result.error().message);
        }
        // The loader lives as long as the application; if it is gone the session shuts down here.
        if (self) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, session, error] {
                    if (!self) return;
                    if (session) {
                        Q_EMIT self->opened(session);
                    } else {
                        Q_EMIT self->failed(error);
                    }
                },
                Qt::QueuedConnection);
        }
    });
}

}  // namespace shoal::gui
