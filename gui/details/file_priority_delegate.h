// The Files tab's priority editor: a combo box of Do not download / Low / Normal / High that commits
// as soon as a choice is made (no extra Enter).
//
// Threads: GUI thread only.
#pragma once

#include <QStyledItemDelegate>

namespace shoal::gui {

class FilePriorityDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
    void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const override;
};

}  // namespace shoal::gui
