// The magnet text box: split into lines, check each, pre-fill from the clipboard.
#include "dialogs/magnet_dialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace shoal::gui {

bool looksLikeMagnet(const QString& line) {
    static const QRegularExpression hash(QStringLiteral("^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$"));
    return line.startsWith(QLatin1String("magnet:?"), Qt::CaseInsensitive) || hash.match(line).hasMatch();
}

MagnetDialog::MagnetDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Add Magnet Links"));
    auto* hint = new QLabel(tr("One magnet link or info-hash per line:"));
    edit_ = new QPlainTextEdit;
    edit_->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit_->setPlaceholderText(QStringLiteral("magnet:?xt=urn:btih:…"));
    error_ = new QLabel;
    error_->setStyleSheet(QStringLiteral("color: #c01c28"));
    error_->setWordWrap(true);
    error_->hide();
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(edit_, &QPlainTextEdit::textChanged, this, &MagnetDialog::check);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(edit_, 1);
    layout->addWidget(error_);
    layout->addWidget(buttons_);
    resize(560, 260);

    const QString clip =
        QGuiApplication::clipboard() ? QGuiApplication::clipboard()->text().trimmed() : QString();
    if (!clip.isEmpty() && looksLikeMagnet(clip.section(QLatin1Char('\n'), 0, 0).trimmed())) setText(clip);
    check();
}

void MagnetDialog::setText(const QString& text) { edit_->setPlainText(text); }

QStringList MagnetDialog::links() const {
    QStringList result;
    for (const QString& line : edit_->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty()) result << line.trimmed();
    }
    return result;
}

QString MagnetDialog::errorText() const { return error_->isHidden() ? QString() : error_->text(); }

void MagnetDialog::check() {
    const QStringList lines = links();
    QString problem;
    for (int i = 0; i < lines.size() && problem.isEmpty(); ++i) {
        if (!looksLikeMagnet(lines[i]))
            problem = tr("Line %1 is not a magnet link: %2").arg(i + 1).arg(lines[i].left(60));
    }
    error_->setText(problem);
    error_->setVisible(!problem.isEmpty());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(!lines.isEmpty() && problem.isEmpty());
}

}  // namespace shoal::gui
