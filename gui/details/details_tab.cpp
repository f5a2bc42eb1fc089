// Commands sent from a details tab, with a refresh once the session has taken them.
#include "details/details_tab.h"

#include <QMetaObject>
#include <QPointer>

#include "app/session_bridge.h"

namespace shoal::gui {

void DetailsTab::runCommand(SessionBridge& bridge, const QString& what,
                            std::function<Result<void>(Session&)> command) {
    // The worker may finish after this tab is gone; the bridge outlives its pool's work (its destructor
    // waits for it), so the notification is posted to the bridge and checks the tab on the GUI thread.
    QPointer<DetailsTab> self(this);
    SessionBridge* target = &bridge;
    bridge.run(what, [self, target, command = std::move(command)](Session& session) {
        Result<void> result = command(session);
        if (result) {
            QMetaObject::invokeMethod(
                target,
                [self] {
                    if (self) Q_EMIT self->changeRequested();
                },
                Qt::QueuedConnection);
        }
        return result;
    });
}

}  // namespace shoal::gui
