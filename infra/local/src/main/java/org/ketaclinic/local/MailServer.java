package org.ketaclinic.local;

import java.util.concurrent.CountDownLatch;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The local stack's mail server (GreenMail): SMTP takes the follow-up service's email,
 * and each recipient's mailbox is readable over POP3 with the address as user name and
 * password. Nothing leaves the machine.
 * <p>
 * Arguments: SMTP port, POP3 port, IMAP port (which reads many messages in one command).
 */
public final class MailServer {

	private MailServer() {
	}

	public static void main(String[] args) throws Exception {
		// GreenMail logs every mailbox it creates, with the address: patient data stays
		// out of the logs
		System.setProperty("org.slf4j.simpleLogger.log.com.icegreen.greenmail", "warn");
		int smtp = Integer.parseInt(args[0]);
		int pop3 = Integer.parseInt(args[1]);
		int imap = Integer.parseInt(args[2]);
		GreenMail mail = new GreenMail(
				new ServerSetup[] { new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
						new ServerSetup(pop3, "127.0.0.1", ServerSetup.PROTOCOL_POP3),
						new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
		mail.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			mail.stop();
			stopped.countDown();
		}, "mail-stop"));
		System.out
			.println("Mail server ready: SMTP on port " + smtp + ", POP3 on port " + pop3 + ", IMAP on port " + imap);
		stopped.await();
	}

}
