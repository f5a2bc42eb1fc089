// ConnectDaemonDialog: a small form; connecting happens in MainWindow (off the GUI thread).
#include "widgets/connect_daemon_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QLineEdit>
#include <QSettings>

namespace shoal::gui {

ConnectDaemonDialog::ConnectDaemonDialog(QWidget* parent)
    : QDialog(parent), url_(new QLineEdit(this)), user_(new QLineEdit(this)), password_(new QLineEdit(this)) {
    setWindowTitle(tr("Connect to Daemon"));
    setObjectName(QStringLiteral("connectDaemonDialog"));
    url_->setObjectName(QStringLiteral("daemonUrl"));
    url_->setText(QSettings().value(QStringLiteral("remote/url"), QStringLiteral("http://127.0.0.1:9091/transmission/rpc"))
                      .toString());
    url_->setMinimumWidth(340);
    user_->setObjectName(QStringLiteral("daemonUser"));
    user_->setText(QSettings().value(QStringLiteral("remote/user")).toString());
    password_->setObjectName(QStringLiteral("daemonPassword"));
    password_->setEchoMode(QLineEdit::Password);
    auto* hint = new QLabel(tr("A <tt>shoal daemon</tt> or any Transmission-compatible RPC server."), this);
    hint->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* form = new QFormLayout(this);
    form->addRow(hint);
    form->addRow(tr("Address:"), url_);
    form->addRow(tr("User name:"), user_);
    form->addRow(tr("Password:"), password_);
    form->addRow(buttons);
}

QString ConnectDaemonDialog::url() const { return url_->text().trimmed(); }
QString ConnectDaemonDialog::username() const { return user_->text(); }
QString ConnectDaemonDialog::password() const { return password_->text(); }
void ConnectDaemonDialog::setUrl(const QString& url) { url_->setText(url); }
void ConnectDaemonDialog::setCredentials(const QString& user, const QString& password) {
    user_->setText(user);
    password_->setText(password);
}

void ConnectDaemonDialog::accept() {
    QSettings().setValue(QStringLiteral("remote/url"), url());
    QSettings().setValue(QStringLiteral("remote/user"), username());
    QDialog::accept();
}

}  // namespace shoal::gui
