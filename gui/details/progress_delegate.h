// Paints a 0..1 value (from a role the view's model provides) as a progress bar, for the Files and Peers
// tabs. Uses the style's own progress bar so it matches the platform.
//
// Threads: GUI thread only.
#pragma once

#include <QStyledItemDelegate>

namespace shoal::gui {

class ProgressDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    // `role` holds a double 0..1; Qt::DisplayRole text is drawn on the bar.
    explicit ProgressDelegate(int role, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

private:
    int role_;
};

}  // namespace shoal::gui
