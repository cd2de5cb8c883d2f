package org.ketaclinic.acceptance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;

/**
 * A patient's mailbox on the local mail server, read over POP3 (user and password are the
 * address).
 */
final class Mailbox {

	private static final Pattern CHECK_IN_LINK = Pattern.compile("https?://\\S+/checkin/([A-Za-z0-9_-]+)");

	private Mailbox() {
	}

	/** The text of every message the address has received, oldest first. */
	static List<String> texts(String address) {
		Properties properties = new Properties();
		properties.put("mail.pop3.connectiontimeout", "5000");
		properties.put("mail.pop3.timeout", "5000");
		List<String> texts = new ArrayList<>();
		try (Store store = Session.getInstance(properties).getStore("pop3")) {
			store.connect(Stack.MAIL_HOST, Stack.POP3_PORT, address, address);
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			for (Message message : inbox.getMessages()) {
				texts.add(text(message.getContent()));
			}
			inbox.close(false);
		}
		catch (AuthenticationFailedException noMailYet) {
			// the mail server knows an address once mail has arrived for it
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("cannot read the mailbox over POP3", ex);
		}
		return texts;
	}

	/** The check-in tokens of the links in the messages, oldest first. */
	static List<String> checkInTokens(String address) {
		List<String> tokens = new ArrayList<>();
		for (String text : texts(address)) {
			Matcher link = CHECK_IN_LINK.matcher(text);
			while (link.find()) {
				tokens.add(link.group(1));
			}
		}
		return tokens;
	}

	private static String text(Object content) throws MessagingException, IOException {
		if (content instanceof Multipart multipart) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				text.append(text(part.getContent())).append('\n');
			}
			return text.toString();
		}
		return String.valueOf(content);
	}

}
