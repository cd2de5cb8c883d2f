package org.ketaclinic.followup.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The email channel against a real SMTP server (GreenMail): messages keep the Message-ID
 * made from the idempotency key, share one connection, and a connection the server has
 * dropped is replaced rather than failing the next message.
 */
class EmailChannelTests {

	private static final Composer.Text TEXT = new Composer.Text("A few questions", "sms", "Hello");

	private GreenMail server;

	private JavaMailSenderImpl sender;

	private EmailChannel channel;

	@BeforeEach
	void start() {
		this.server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		this.server.start();
		this.sender = new JavaMailSenderImpl();
		this.sender.setHost("127.0.0.1");
		this.sender.setPort(this.server.getSmtp().getPort());
		this.channel = new EmailChannel(this.sender, ComposerTests.properties("Riverside Clinic"));
	}

	@AfterEach
	void stop() {
		this.channel.destroy();
		this.server.stop();
	}

	@Test
	void messagesKeepTheMessageIdMadeFromTheirKey() {
		for (int i = 1; i <= 5; i++) {
			assertThat(this.channel.send("pat" + i + "@example.org", TEXT, "delivery-" + i + ":EMAIL").outcome())
				.isEqualTo(Channel.Outcome.SENT);
		}

		MimeMessage[] received = this.server.getReceivedMessages();
		assertThat(Arrays.stream(received).map(EmailChannelTests::messageId)).containsExactlyInAnyOrder(
				"<delivery-1.EMAIL@ketaclinic>", "<delivery-2.EMAIL@ketaclinic>", "<delivery-3.EMAIL@ketaclinic>",
				"<delivery-4.EMAIL@ketaclinic>", "<delivery-5.EMAIL@ketaclinic>");
	}

	@Test
	void oneConnectionCarriesManyMessages() throws IOException {
		try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			AtomicInteger connections = new AtomicInteger();
			Thread forwarder = new Thread(() -> forward(proxy, connections));
			forwarder.setDaemon(true);
			forwarder.start();
			this.sender.setPort(proxy.getLocalPort());

			for (int i = 1; i <= 5; i++) {
				assertThat(this.channel.send("pat" + i + "@example.org", TEXT, "d" + i + ":EMAIL").outcome())
					.isEqualTo(Channel.Outcome.SENT);
			}

			assertThat(this.server.getReceivedMessages()).hasSize(5);
			assertThat(connections).as("SMTP connections opened").hasValue(1);
		}
	}

	/** Accepts connections, counts them and pipes each to the SMTP server. */
	private void forward(ServerSocket proxy, AtomicInteger connections) {
		while (!proxy.isClosed()) {
			try {
				Socket client = proxy.accept();
				connections.incrementAndGet();
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.server.getSmtp().getPort());
				pipe(client, upstream);
				pipe(upstream, client);
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private static void pipe(Socket from, Socket to) {
		Thread pipe = new Thread(() -> {
			try (from; to) {
				from.getInputStream().transferTo(to.getOutputStream());
			}
			catch (IOException ended) {
				// either side closed
			}
		});
		pipe.setDaemon(true);
		pipe.start();
	}

	@Test
	void aConnectionTheServerDroppedIsReplaced() {
		assertThat(this.channel.send("pat@example.org", TEXT, "first:EMAIL").outcome()).isEqualTo(Channel.Outcome.SENT);
		int port = this.server.getSmtp().getPort();
		this.server.stop();
		this.server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.server.start();

		assertThat(this.channel.send("pat@example.org", TEXT, "second:EMAIL").outcome())
			.isEqualTo(Channel.Outcome.SENT);
		assertThat(this.server.getReceivedMessages()).hasSize(1);
	}

	@Test
	void anAddressThatIsNotOneIsRejectedWithoutSending() {
		assertThat(this.channel.send("not an address", TEXT, "fourth:EMAIL").outcome())
			.isEqualTo(Channel.Outcome.REJECTED);
		assertThat(this.server.getReceivedMessages()).isEmpty();
	}

	@Test
	void anUnreachableServerIsTriedAgainLater() {
		this.server.stop();

		assertThat(this.channel.send("pat@example.org", TEXT, "third:EMAIL").outcome())
			.isEqualTo(Channel.Outcome.TRY_AGAIN);
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
