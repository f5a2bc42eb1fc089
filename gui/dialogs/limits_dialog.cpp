// Per-torrent limits: two KiB/s spin boxes where 0 reads "Unlimited".
#include "dialogs/limits_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSpinBox>
#include <climits>

namespace shoal::gui {

namespace {
constexpr int kKiB = 1024;

QSpinBox* rateSpin() {
    auto* spin = new QSpinBox;
    spin->setRange(0, INT_MAX / kKiB);
    spin->setSuffix(QStringLiteral(" ") + LimitsDialog::tr("KiB/s"));
    spin->setSpecialValueText(LimitsDialog::tr("Unlimited"));
    spin->setAccelerated(true);
    return spin;
}

// A limit below 1 KiB/s is shown as 1 KiB/s, never as "Unlimited".
int toKiB(int bytesPerSecond) { return bytesPerSecond <= 0 ? 0 : std::max(1, bytesPerSecond / kKiB); }
}  // namespace

LimitsDialog::LimitsDialog(int downloadLimit, int uploadLimit, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Torrent Speed Limits"));
    down_ = rateSpin();
    up_ = rateSpin();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Download limit:"), down_);
    form->addRow(tr("Upload limit:"), up_);
    form->addRow(buttons);
    setLimits(downloadLimit, uploadLimit);
}

void LimitsDialog::setLimits(int downloadLimit, int uploadLimit) {
    down_->setValue(toKiB(downloadLimit));
    up_->setValue(toKiB(uploadLimit));
}

int LimitsDialog::downloadLimit() const { return down_->value() * kKiB; }
int LimitsDialog::uploadLimit() const { return up_->value() * kKiB; }

}  // namespace shoal::gui
