package org.ketaclinic.followup.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
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
 * dropped is replaced rather than failing the next message; and each failure is
 * classified: an outage of the server (stopped, not answering, closing the connection,
 * 421) is {@code UNAVAILABLE}, a refused address {@code REJECTED}, a refusal of the
 * message {@code TRY_AGAIN}, and so is a connection lost after the content went (the
 * message may have arrived).
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
	void aStoppedServerIsAnOutageNotTheMessagesFault() {
		this.server.stop();

		Channel.Result result = this.channel.send("pat@example.org", TEXT, "third:EMAIL");
		assertThat(result.outcome()).isEqualTo(Channel.Outcome.UNAVAILABLE);
		assertThat(result.detail()).isEqualTo("SMTP unavailable");
		assertThat(result.maybeTaken()).isFalse();
	}

	@Test
	void aServerThatSaysItIsNotAvailableIsAnOutage() throws IOException {
		assertThat(sendThrough(Map.of("MAIL", "421 4.3.2 Service not available, closing transmission channel")))
			.isEqualTo(Channel.Outcome.UNAVAILABLE);
	}

	@Test
	void aServerThatClosesTheConnectionMidMessageIsAnOutage() throws IOException {
		assertThat(sendThrough(Map.of("RCPT", CLOSE))).isEqualTo(Channel.Outcome.UNAVAILABLE);
	}

	@Test
	void aServerThatDoesNotGreetInTimeIsAnOutage() throws IOException {
		this.sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "300");
		this.sender.getJavaMailProperties().put("mail.smtp.timeout", "300");
		assertThat(sendThrough(Map.of("GREETING", SILENT))).isEqualTo(Channel.Outcome.UNAVAILABLE);
	}

	@Test
	void anAddressTheServerRefusesIsRejectedForGood() throws IOException {
		assertThat(sendThrough(Map.of("RCPT", "550 5.1.1 No such user"))).isEqualTo(Channel.Outcome.REJECTED);
	}

	@Test
	void aRefusalOfThisMessageIsTriedAgainAndCounts() throws IOException {
		assertThat(sendThrough(Map.of("RCPT", "452 4.2.2 Mailbox full"))).isEqualTo(Channel.Outcome.TRY_AGAIN);
		assertThat(sendThrough(Map.of("DOT", "554 5.6.0 Message refused"))).isEqualTo(Channel.Outcome.TRY_AGAIN);
		assertThat(sendThrough(Map.of("DOT", "451 4.3.0 Try again later"))).isEqualTo(Channel.Outcome.TRY_AGAIN);
	}

	@Test
	void aConnectionLostAfterTheContentWasSentIsTriedAgainAsTheMessageMayHaveArrived() throws IOException {
		Channel.Result dropped = resultThrough(Map.of("DOT", CLOSE));
		assertThat(dropped.outcome()).isEqualTo(Channel.Outcome.TRY_AGAIN);
		assertThat(dropped.maybeTaken()).isTrue();
		this.sender.getJavaMailProperties().put("mail.smtp.timeout", "300");
		Channel.Result slow = resultThrough(Map.of("DOT", SILENT));
		assertThat(slow.outcome()).as("a relay too slow to answer").isEqualTo(Channel.Outcome.TRY_AGAIN);
		assertThat(slow.maybeTaken()).isTrue();
	}

	@Test
	void aServerThatStopsAnsweringBeforeTheContentIsAnOutage() throws IOException {
		this.sender.getJavaMailProperties().put("mail.smtp.timeout", "300");
		Channel.Result silent = resultThrough(Map.of("DATA", SILENT));
		assertThat(silent.outcome()).isEqualTo(Channel.Outcome.UNAVAILABLE);
		assertThat(silent.maybeTaken()).as("the content never went").isFalse();
	}

	@Test
	void aRefusalWithItsCodeIsTheMessagesEvenWhenTheServerClosesTheConnectionWithIt() throws IOException {
		assertThat(sendThrough(Map.of("DOT", THEN_CLOSE + "554 5.7.1 Message refused")))
			.isEqualTo(Channel.Outcome.TRY_AGAIN);
		assertThat(sendThrough(Map.of("MAIL", THEN_CLOSE + "550 5.7.1 Sender refused")))
			.isEqualTo(Channel.Outcome.TRY_AGAIN);
		assertThat(sendThrough(Map.of("DOT", THEN_CLOSE + "421 4.3.2 Shutting down")))
			.as("421 after the content: not taken, the server is going away")
			.isEqualTo(Channel.Outcome.UNAVAILABLE);
	}

	/** A scripted answer: close the connection instead of answering. */
	private static final String CLOSE = "close";

	/** A scripted answer's prefix: answer, then close the connection. */
	private static final String THEN_CLOSE = "then-close:";

	/** A scripted answer: say nothing. */
	private static final String SILENT = "silent";

	/**
	 * Sends one message through a scripted SMTP server that answers every command as a
	 * server accepting the message does, except the ones named (GREETING, EHLO, MAIL,
	 * RCPT, DATA, DOT).
	 */
	private Channel.Outcome sendThrough(Map<String, String> answers) throws IOException {
		return resultThrough(answers).outcome();
	}

	private Channel.Result resultThrough(Map<String, String> answers) throws IOException {
		this.channel.destroy();
		try (ServerSocket script = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread server = new Thread(() -> serve(script, answers));
			server.setDaemon(true);
			server.start();
			this.sender.setPort(script.getLocalPort());
			return this.channel.send("pat@example.org", TEXT, "scripted:EMAIL");
		}
		finally {
			this.channel.destroy();
		}
	}

	private static void serve(ServerSocket script, Map<String, String> answers) {
		try (Socket client = script.accept();
				BufferedReader in = new BufferedReader(
						new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
				Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
			if (!answer(out, answers.getOrDefault("GREETING", "220 scripted ESMTP"))) {
				return;
			}
			boolean data = false;
			String line;
			while ((line = in.readLine()) != null) {
				String command;
				String fallback;
				if (data) {
					if (!".".equals(line)) {
						continue;
					}
					data = false;
					command = "DOT";
					fallback = "250 2.0.0 queued";
				}
				else {
					command = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
					fallback = switch (command) {
						case "EHLO", "HELO" -> "250 scripted";
						case "DATA" -> "354 go ahead";
						case "QUIT" -> "221 bye";
						default -> "250 2.1.0 ok";
					};
				}
				String answer = answers.getOrDefault(command, fallback);
				if (!answer(out, answer) || "QUIT".equals(command)) {
					return;
				}
				data = "DATA".equals(command) && answer.startsWith("354");
			}
		}
		catch (IOException ended) {
			// the client went
		}
	}

	/** Writes an answer; false when the script closes the connection or says nothing. */
	private static boolean answer(Writer out, String answer) throws IOException {
		if (CLOSE.equals(answer)) {
			return false;
		}
		if (SILENT.equals(answer)) {
			try {
				Thread.sleep(2_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return false;
		}
		boolean close = answer.startsWith(THEN_CLOSE);
		out.write(answer.substring(close ? THEN_CLOSE.length() : 0) + "\r\n");
		out.flush();
		return !close;
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
