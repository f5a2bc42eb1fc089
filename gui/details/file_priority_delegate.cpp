// A combo box editor for FileTreeModel's Priority column.
#include "details/file_priority_delegate.h"

#include <QComboBox>

#include "shoal/types.h"

namespace shoal::gui {

QWidget* FilePriorityDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                            const QModelIndex& index) const {
    (void)option;
    (void)index;
    auto* combo = new QComboBox(parent);
    combo->addItem(tr("Do not download"), static_cast<int>(FilePriority::Skip));
    combo->addItem(tr("Low"), static_cast<int>(FilePriority::Low));
    combo->addItem(tr("Normal"), static_cast<int>(FilePriority::Normal));
    combo->addItem(tr("High"), static_cast<int>(FilePriority::High));
    // Commit on the choice itself: the progress refresh would otherwise close the editor unsaved.
    connect(combo, &QComboBox::activated, this, [this, combo] {
        auto* self = const_cast<FilePriorityDelegate*>(this);
        Q_EMIT self->commitData(combo);
        Q_EMIT self->closeEditor(combo);
    });
    return combo;
}

void FilePriorityDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    auto* combo = static_cast<QComboBox*>(editor);
    // A mixed folder (or libtorrent's in-between levels) selects nothing until the user picks.
    combo->setCurrentIndex(combo->findData(index.data(Qt::EditRole).toInt()));
}

void FilePriorityDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                        const QModelIndex& index) const {
    const auto* combo = static_cast<QComboBox*>(editor);
    if (combo->currentIndex() < 0) return;
    model->setData(index, combo->currentData(), Qt::EditRole);
}

void FilePriorityDelegate::updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                                                const QModelIndex& index) const {
    (void)index;
    editor->setGeometry(option.rect);
}

}  // namespace shoal::gui
