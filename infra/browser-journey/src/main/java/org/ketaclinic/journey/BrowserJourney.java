package org.ketaclinic.journey;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Walks the pages as the people who use them would, in headless Chromium against the
 * running local stack: the front desk enters an intake; a clinician finds it in the queue
 * with its findings explained and approves it; the front desk books the proposed series
 * and sees it on the day view; the clinician sends a check-in; the patient opens the
 * emailed link and answers; the clinician sees the urgent alert and the PHQ-9 trend.
 * Every page is checked for unlabelled controls, and a screenshot of each is kept.
 * <p>
 * Arguments: the folder for screenshots. Settings: {@code GATEWAY}
 * (http://localhost:8080), {@code CHROMIUM} (/usr/bin/chromium), {@code CHROMEDRIVER}
 * (/usr/bin/chromedriver), {@code POP3_PORT} (3110), and the identity provider's login
 * form as CSS selectors: {@code LOGIN_USERNAME} ({@code [name=username]}),
 * {@code LOGIN_PASSWORD} ({@code [name=password]}), {@code LOGIN_SUBMIT}
 * ({@code button[type=submit]}; Keycloak's is {@code #kc-login}); and
 * {@code MULTI_CLINIC_FRONTDESK}, a front-desk user of clinics main and lakeside
 * (password: the same) who submits a referral for lakeside, if there is one.
 * <p>
 * Then the clinic choice (ADR 12): users of one clinic are not asked; an administrator of
 * main and lakeside chooses the clinic of a new location, lakeside's front desk sees it
 * and main's does not.
 */
public final class BrowserJourney {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private final String gateway = setting("GATEWAY", "http://localhost:8080");

	private final By loginUsername = By.cssSelector(setting("LOGIN_USERNAME", "[name=username]"));

	private final By loginPassword = By.cssSelector(setting("LOGIN_PASSWORD", "[name=password]"));

	private final By loginSubmit = By.cssSelector(setting("LOGIN_SUBMIT", "button[type=submit]"));

	private final Path screenshots;

	private int shot;

	private BrowserJourney(Path screenshots) {
		this.screenshots = screenshots;
	}

	public static void main(String[] args) throws Exception {
		Path folder = Path.of((args.length > 0) ? args[0] : "infra/local/.data/screenshots");
		Files.createDirectories(folder);
		try {
			new BrowserJourney(folder).run();
			System.out.println("Browser journey passed; screenshots in " + folder);
		}
		catch (Exception | AssertionError ex) {
			System.err.println("Browser journey failed: " + ex);
			ex.printStackTrace();
			System.exit(1);
		}
	}

	private void run() throws Exception {
		String suffix = Long.toString(System.currentTimeMillis() % 100000);
		String family = "Browser" + suffix;
		String email = "browser." + suffix + "@example.org";
		String patientId;

		step("1. The front desk enters a referral");
		WebDriver frontDesk = browser();
		try {
			signIn(frontDesk, "/ui/frontdesk.html", "frontdesk");
			waitFor(frontDesk, By.cssSelector("#intake-form button[type=submit]"));
			accessible(frontDesk);
			waitForText(frontDesk, By.id("my-clinics"), "Clinic: main");
			check(frontDesk.findElements(By.cssSelector("#intake-form [name=clinicId]")).isEmpty(),
					"a front desk of one clinic is not asked for the clinic");
			fillIntake(frontDesk, family, email, new int[] { 2, 2, 2, 2, 2, 2, 2, 2, 0 });
			check(frontDesk.findElement(By.id("phq9-total")).getText().equals("16"),
					"the PHQ-9 total adds up as entered");
			screenshot(frontDesk, "frontdesk-intake");
			WebElement done = submitIntake(frontDesk);
			patientId = done.getAttribute("data-patient-id");
			check(patientId != null && patientId.length() == 36, "the referral was accepted: " + done.getText());
			check("main".equals(done.getAttribute("data-clinic-id")), "the referral went to the user's only clinic");
			System.out.println("   patient " + patientId);

			step("1b. A referral with one PHQ-9 item left blank and item 9 = 3 still carries the risk answer");
			String urgentFamily = "Urgent" + suffix;
			frontDesk.get(this.gateway + "/ui/frontdesk.html");
			waitFor(frontDesk, By.cssSelector("#intake-form button[type=submit]"));
			fillIntake(frontDesk, urgentFamily, "urgent." + suffix + "@example.org",
					new int[] { 2, 2, 2, -1, 2, 2, 2, 2, 3 });
			WebElement urgentDone = submitIntake(frontDesk);
			check(urgentDone.getAttribute("data-patient-id") != null, "the incomplete referral was accepted");

			step("2. A clinician finds it in the queue, reads the findings and approves");
			WebDriver clinician = browser();
			try {
				signIn(clinician, "/ui/clinician.html#queue", "clinician");
				afterRefresh(clinician, "tab-queue", "#queue-list tr", urgentFamily, ".badge.URGENT_SAME_DAY_REVIEW");
				System.out.println("   the referral with item 9 = 3 is in the queue as urgent");
				WebElement review = afterRefresh(clinician, "tab-queue", "#queue-list tr", family, "button.open");
				accessible(clinician);
				screenshot(clinician, "clinician-queue");
				review.click();
				waitFor(clinician, By.cssSelector("#assessment-detail .finding .rule"));
				check(clinician.findElement(By.id("assessment-detail")).getText().contains("Source:"),
						"each finding shows its source");
				screenshot(clinician, "clinician-assessment");
				select(clinician, "#decision-form [name=decision]", "APPROVED");
				select(clinician, "#decision-form [name=protocol]", "IV_KETAMINE");
				clinician.findElement(By.cssSelector("#decision-form [name=rationale]"))
					.sendKeys("Treatment-resistant depression, no contraindications");
				clinician.findElement(By.cssSelector("#decision-form button[type=submit]")).click();
				waitForText(clinician, By.id("decision-status"), "Decision signed");

				step("3. The front desk books the proposed series and sees it on the day view");
				frontDesk.get(this.gateway + "/ui/frontdesk.html#booking");
				// a start some weeks ahead, so that repeated runs on one stack do not
				// fill one day's chairs
				String from = LocalDate.now().plusWeeks(3 + Math.floorMod(System.nanoTime(), 40)).toString();
				((JavascriptExecutor) frontDesk)
					.executeScript("document.getElementById('propose-from').value = arguments[0]", from);
				WebElement propose = afterRefresh(frontDesk, "tab-booking", "#plans tr", family, "button.propose");
				propose.click();
				waitFor(frontDesk, By.cssSelector("#proposals button.book")).click();
				waitForText(frontDesk, By.id("proposals"), "Booked 6 sessions");
				screenshot(frontDesk, "frontdesk-booking");
				String firstDay = (String) ((JavascriptExecutor) frontDesk).executeAsyncScript("""
						const done = arguments[arguments.length - 1];
						fetch('/api/scheduling/plans?patientId=' + arguments[0]).then((r) => r.json())
						  .then((plans) => done(plans[0].sessions[0].startsAt.substring(0, 10)));
						""", patientId);
				frontDesk.findElement(By.id("tab-day")).click();
				((JavascriptExecutor) frontDesk)
					.executeScript("document.getElementById('day-date').value = arguments[0]", firstDay);
				frontDesk.findElement(By.cssSelector("#day-form button")).click();
				eventually(frontDesk, () -> rowWith(frontDesk, "#day-grid td.booked", family, "button.move"));
				accessible(frontDesk);
				screenshot(frontDesk, "frontdesk-day-view");

				step("3b. The front desk moves the first session to another chair");
				String chairBefore = chairOf(frontDesk, family);
				afterRefresh(frontDesk, "tab-day", "#day-grid td.booked", family, "button.move").click();
				List<WebElement> chairs = waitFor(frontDesk, By.cssSelector("#move-form [name=chairId]"))
					.findElements(By.tagName("option"));
				boolean moved = false;
				for (int i = 0; i < chairs.size() && !moved; i++) {
					String chair = frontDesk.findElements(By.cssSelector("#move-form [name=chairId] option"))
						.get(i)
						.getText();
					if (chair.equals(chairBefore)) {
						continue;
					}
					select(frontDesk, "#move-form [name=chairId]",
							frontDesk.findElements(By.cssSelector("#move-form [name=chairId] option"))
								.get(i)
								.getAttribute("value"));
					((JavascriptExecutor) frontDesk)
						.executeScript("document.getElementById('move-status').innerHTML = ''");
					frontDesk.findElement(By.cssSelector("#move-form button[type=submit]")).click();
					moved = new WebDriverWait(frontDesk, PATIENCE)
						.until((d) -> d.findElements(By.id("move-form")).isEmpty()
								|| !d.findElements(By.cssSelector("#move-status .notice")).isEmpty())
							&& frontDesk.findElements(By.id("move-form")).isEmpty();
				}
				check(moved, "the session moved to another free chair");
				eventually(frontDesk, () -> {
					String now = chairOf(frontDesk, family);
					return (now != null && !now.equals(chairBefore)) ? frontDesk.findElement(By.id("day-grid")) : null;
				});

				step("4. The clinician sends a check-in; the patient opens the emailed link and answers");
				clinician.findElement(By.id("tab-patient")).click();
				clinician.findElement(By.id("patient-id")).sendKeys(patientId);
				clinician.findElement(By.cssSelector("#patient-pick button")).click();
				waitFor(clinician, By.id("extra-checkin")).click();
				waitForText(clinician, By.id("extra-status"), "Check-in sent");
				String link = checkInLink(email);
				System.out.println("   link " + link.substring(0, link.lastIndexOf('/') + 7) + "...");
				WebDriver patient = browser();
				try {
					patient.get(link);
					waitFor(patient, By.cssSelector("#checkin button[type=submit]"));
					accessible(patient);
					answer(patient);
					screenshot(patient, "patient-checkin");
					// the answers never reach the server: the page still shows crisis
					// resources from the answers themselves
					JavascriptExecutor page = (JavascriptExecutor) patient;
					page.executeScript("window.realFetch = window.fetch;"
							+ " window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));");
					patient.findElement(By.cssSelector("#checkin button[type=submit]")).click();
					WebElement offline = waitFor(patient, By.id("crisis"));
					check(offline.getText().contains("988"), "crisis resources without any answer from the server");
					page.executeScript("window.fetch = window.realFetch;");
					patient.findElement(By.cssSelector("#checkin button[type=submit]")).click();
					WebElement crisis = waitFor(patient, By.id("crisis"));
					check(crisis.getText().contains("988"), "the patient is shown crisis resources");
					screenshot(patient, "patient-confirmation");
				}
				finally {
					patient.quit();
				}

				step("5. The clinician sees the urgent alert and the updated trend");
				clinician.get(this.gateway + "/ui/clinician.html#alerts");
				afterRefresh(clinician, "tab-alerts", "#alert-list .finding", family, ".badge.URGENT");
				screenshot(clinician, "clinician-alerts");
				clinician.findElement(By.id("tab-patient")).click();
				WebElement id = clinician.findElement(By.id("patient-id"));
				id.clear();
				id.sendKeys(patientId);
				clinician.findElement(By.cssSelector("#patient-pick button")).click();
				new WebDriverWait(clinician, PATIENCE)
					.until((d) -> d.findElements(By.cssSelector("#patient-course svg.chart circle")).size() == 1);
				check(clinician.findElement(By.id("patient-course")).getText().contains("EXTRA"),
						"the check-in is listed");
				accessible(clinician);
				screenshot(clinician, "clinician-patient-course");

				step("6. The API page gathers the four services' documents");
				clinician.get(this.gateway + "/api-docs.html");
				waitFor(clinician, By.cssSelector(".opblock"));
				screenshot(clinician, "api-docs");
			}
			finally {
				clinician.quit();
			}

			step("6b. The front desk opens its task list");
			frontDesk.get(this.gateway + "/ui/frontdesk.html#tasks");
			waitFor(frontDesk, By.id("tab-tasks")).click();
			new WebDriverWait(frontDesk, PATIENCE).until(
					(d) -> d.findElement(By.id("task-list")).getText().matches("(?s).*(No open tasks|Open tasks).*"));
			accessible(frontDesk);

			step("7. An administrator reads the audit log, the on-call roster and the dead letters");
			WebDriver admin = browser();
			try {
				signIn(admin, "/ui/admin.html#setup", "admin");
				waitForText(admin, By.id("locations"), "Chair 1");
				accessible(admin);
				admin.findElement(By.id("tab-audit")).click();
				select(admin, "#audit-form [name=service]", "followup");
				admin.findElement(By.cssSelector("#audit-form [name=patientId]")).sendKeys(patientId);
				admin.findElement(By.cssSelector("#audit-form button[type=submit]")).click();
				waitForText(admin, By.id("audit-list"), "CHECK_IN_ANSWERED");
				screenshot(admin, "admin-audit");
				admin.findElement(By.id("tab-oncall")).click();
				waitForText(admin, By.id("oncall-list"), "+15550100911");
				check(admin.findElement(By.id("oncall-list")).getText().contains("+15550100912"),
						"the roster names the demo clinic's on-call primary and backup");
				accessible(admin);
				screenshot(admin, "admin-on-call");
				admin.findElement(By.id("tab-dead")).click();
				new WebDriverWait(admin, PATIENCE).until((d) -> !d.findElement(By.id("dead-list")).getText().isBlank());
				check(!admin.findElement(By.id("dead-list")).getText().contains("HTTP 4"),
						"every service's dead letters are readable");
			}
			finally {
				admin.quit();
			}

			clinicChoice(frontDesk, suffix);
		}
		finally {
			frontDesk.quit();
		}
	}

	/**
	 * A user of several clinics names the clinic of each record they create (ADR 12): a
	 * location and a referral; the other clinic's front desk sees it, this one's does
	 * not. No demo front-desk user works for two clinics, so the referral for lakeside is
	 * submitted by the user {@code MULTI_CLINIC_FRONTDESK} names (password: the same), if
	 * one; without, the referral form is checked with {@code frontdesk}'s page told of a
	 * second clinic its token does not grant, which the service refuses beside the
	 * choice.
	 */
	private void clinicChoice(WebDriver frontDesk, String suffix) throws Exception {
		step("8. An administrator of main and lakeside chooses the clinic of a new location");
		// named to sort after the demo location, which stays first on lakeside's day view
		String location = "Lakeside Browser " + suffix;
		WebDriver admin = browser();
		try {
			signIn(admin, "/ui/admin.html#setup", "admin");
			waitForText(admin, By.id("my-clinics"), "Clinics: lakeside, main");
			waitFor(admin, By.id("location-clinic"));
			check(options(admin, "#location-clinic").equals(List.of("", "lakeside", "main"))
					&& value(admin, "#location-clinic").isEmpty(), "a clinic to choose, none chosen at first");
			check(options(admin, "#oncall-clinic").equals(List.of("", "lakeside", "main")),
					"the on-call entry's clinic is chosen too");
			accessible(admin);
			admin.findElement(By.cssSelector("#location-form [name=name]")).sendKeys(location);
			admin.findElement(By.cssSelector("#location-form button[type=submit]")).click();
			WebElement refused = refusedBeside(admin, "setup-status", "location-clinic");
			check(refused.getText().contains("lakeside"),
					"without a clinic the location is refused beside the choice: " + refused.getText());
			screenshot(admin, "admin-location-clinic");
			select(admin, "#location-clinic", "lakeside");
			admin.findElement(By.cssSelector("#location-form button[type=submit]")).click();
			WebElement added = waitFor(admin, By.cssSelector("#setup-status p.ok"));
			check("lakeside".equals(added.getAttribute("data-clinic-id")),
					"the location belongs to lakeside: " + added.getText());
			waitForText(admin, By.id("locations"), location);
		}
		finally {
			admin.quit();
		}

		step("9. A front desk of two clinics chooses the clinic of a referral");
		String family = "Browser" + suffix + "Lakeside";
		String multi = setting("MULTI_CLINIC_FRONTDESK", "");
		WebDriver told = browser();
		try {
			// the page's /me names a second clinic; the session's token still names main
			// only
			((ChromeDriver) told).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
					"""
							const realFetch = window.fetch;
							window.fetch = (input, init) => realFetch(input, init).then(async (response) => {
							  if (String(input) !== '/me' || !response.ok) return response;
							  const me = await response.json();
							  me.clinics = [...me.clinics, 'lakeside'];
							  return new Response(JSON.stringify(me), { status: 200, headers: { 'Content-Type': 'application/json' } });
							});
							"""));
			signIn(told, "/ui/frontdesk.html", "frontdesk");
			waitFor(told, By.id("intake-clinic"));
			check(options(told, "#intake-clinic").equals(List.of("", "lakeside", "main"))
					&& value(told, "#intake-clinic").isEmpty(),
					"the referral's clinic to choose, none chosen at first");
			accessible(told);
			fillIntake(told, family, "browser." + suffix + "2@example.org", new int[] { 1, 1, 1, 1, 1, 1, 1, 1, 0 });
			select(told, "#intake-clinic", "lakeside");
			told.findElement(By.cssSelector("#intake-form button[type=submit]")).click();
			WebElement refused = refusedBeside(told, "intake-status", "intake-clinic");
			check(refused.getText().contains("not one of your clinics"),
					"the service names clinicId, shown beside the choice: " + refused.getText());
			check("true".equals(told.findElement(By.id("intake-clinic")).getAttribute("aria-invalid")),
					"the choice is marked invalid");
			check("intake-clinic".equals(((JavascriptExecutor) told).executeScript("return document.activeElement.id")),
					"the choice, at the top of the long form, has the focus");
			screenshot(told, "frontdesk-intake-clinic");
		}
		finally {
			told.quit();
		}
		String patientId = null;
		if (multi.isEmpty()) {
			System.out.println("   MULTI_CLINIC_FRONTDESK names no front-desk user of main and lakeside:"
					+ " no referral is submitted for lakeside");
		}
		else {
			WebDriver both = browser();
			try {
				signIn(both, "/ui/frontdesk.html", multi);
				waitForText(both, By.id("my-clinics"), "lakeside");
				waitFor(both, By.id("intake-clinic"));
				check(value(both, "#intake-clinic").isEmpty(), "none chosen at first");
				fillIntake(both, family, "browser." + suffix + "3@example.org",
						new int[] { 1, 1, 1, 1, 1, 1, 1, 1, 0 });
				both.findElement(By.cssSelector("#intake-form button[type=submit]")).click();
				WebElement refused = refusedBeside(both, "intake-status", "intake-clinic");
				check(refused.getText().contains("lakeside"),
						"without a clinic the referral is refused beside the choice: " + refused.getText());
				select(both, "#intake-clinic", "lakeside");
				both.findElement(By.cssSelector("#intake-form button[type=submit]")).click();
				WebElement done = waitFor(both, By.cssSelector("#intake-status p.ok"));
				patientId = done.getAttribute("data-patient-id");
				check("lakeside".equals(done.getAttribute("data-clinic-id")),
						"the referral belongs to lakeside: " + done.getText());
				System.out.println("   patient " + patientId + " of lakeside");
			}
			finally {
				both.quit();
			}
		}

		step("10. Lakeside's front desk has the new location" + ((patientId != null) ? " and the referral" : "")
				+ "; main's does not");
		WebDriver lakeside = browser();
		try {
			signIn(lakeside, "/ui/frontdesk.html#day", "lakeside-frontdesk");
			waitForText(lakeside, By.id("my-clinics"), "Clinic: lakeside");
			lakeside.findElement(By.id("tab-day")).click();
			check(lakeside.findElements(By.cssSelector("#intake-form [name=clinicId]")).isEmpty(),
					"a front desk of one clinic is not asked for the clinic");
			new WebDriverWait(lakeside, PATIENCE).until((d) -> options(d, "#location").size() > 0);
			check(texts(lakeside, "#location").contains(location), "lakeside's day view offers " + location);
			if (patientId != null) {
				search(lakeside, family);
				waitForText(lakeside, By.id("search-results"), family);
			}
		}
		finally {
			lakeside.quit();
		}
		// a new page, not the day view drawn before the location existed
		frontDesk.get(this.gateway + "/ui/frontdesk.html#day");
		frontDesk.navigate().refresh();
		waitFor(frontDesk, By.id("tab-day")).click();
		new WebDriverWait(frontDesk, PATIENCE).until((d) -> options(d, "#location").size() > 0);
		check(!texts(frontDesk, "#location").contains(location), "main's day view does not offer " + location);
		if (patientId != null) {
			search(frontDesk, family);
			waitForText(frontDesk, By.id("search-results"), "No patient matches");
		}
	}

	/**
	 * The error shown beside a form's clinic choice, once the form's status shows the
	 * service's answer; fails with that answer if the error is not beside the choice.
	 */
	private WebElement refusedBeside(WebDriver driver, String status, String choice) throws IOException {
		WebElement answer;
		try {
			answer = waitFor(driver, By.cssSelector("#" + status + " .notice"));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			screenshot(driver, "failed");
			throw ex;
		}
		List<WebElement> beside = driver.findElements(By.cssSelector("label[for=" + choice + "] .field-error"));
		check(!beside.isEmpty(), "an error beside the clinic choice; the page says: " + answer.getText());
		return beside.get(0);
	}

	private static void search(WebDriver driver, String name) {
		driver.findElement(By.id("tab-patients")).click();
		WebElement field = driver.findElement(By.cssSelector("#search-form [name=name]"));
		field.clear();
		field.sendKeys(name);
		driver.findElement(By.cssSelector("#search-form button[type=submit]")).click();
	}

	/** The values of a select's options. */
	@SuppressWarnings("unchecked")
	private static List<String> options(WebDriver driver, String css) {
		return (List<String>) ((JavascriptExecutor) driver).executeScript(
				"const s = document.querySelector(arguments[0]); return s ? [...s.options].map((o) => o.value) : [];",
				css);
	}

	/** The labels of a select's options. */
	@SuppressWarnings("unchecked")
	private static List<String> texts(WebDriver driver, String css) {
		return (List<String>) ((JavascriptExecutor) driver)
			.executeScript("return [...document.querySelector(arguments[0]).options].map((o) => o.textContent);", css);
	}

	private static String value(WebDriver driver, String css) {
		return (String) ((JavascriptExecutor) driver).executeScript("return document.querySelector(arguments[0]).value",
				css);
	}

	private WebDriver browser() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(setting("CHROMIUM", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-US");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(setting("CHROMEDRIVER", "/usr/bin/chromedriver")))
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(PATIENCE);
		return driver;
	}

	private void signIn(WebDriver driver, String page, String user) {
		driver.get(this.gateway + page);
		// the identity provider's login page (the dev identity provider's or Keycloak's)
		waitFor(driver, this.loginUsername).sendKeys(user);
		driver.findElement(this.loginPassword).sendKeys(user);
		driver.findElement(this.loginSubmit).click();
		new WebDriverWait(driver, PATIENCE).until((d) -> d.getCurrentUrl().startsWith(this.gateway + "/ui/"));
		waitForText(driver, By.id("top"), "Signed in as " + user);
	}

	/**
	 * Fills the referral form; a PHQ-9 answer of -1 leaves that item blank.
	 */
	private void fillIntake(WebDriver driver, String family, String email, int[] phq9) {
		Map<String, Object> values = new java.util.LinkedHashMap<>();
		values.put("patient.givenName", "Ada");
		values.put("patient.familyName", family);
		values.put("patient.dateOfBirth", LocalDate.now().minusYears(42).minusDays(30).toString());
		values.put("contact.email", email);
		values.put("contact.preferredChannel", "EMAIL");
		values.put("contact.timeZone", daytimeZone());
		values.put("consents.textVersion", "2026-01");
		values.put("clinical.ageYears", 42);
		values.put("clinical.pregnancyStatus", "NOT_PREGNANT");
		values.put("clinical.breastfeeding", "false");
		values.put("clinical.primaryDiagnosis", "MDD");
		values.put("clinical.failedAdequateTrialsCurrentEpisode", 3);
		values.put("clinical.systolicBp", 124);
		values.put("clinical.diastolicBp", 78);
		values.put("clinical.heartRate", 72);
		for (String no : List.of("aneurysmalVascularDisease", "arteriovenousMalformation",
				"intracerebralHemorrhageHistory", "ketamineHypersensitivity", "hypertensiveEncephalopathyHistory",
				"raisedIntracranialPressureRisk", "glaucomaOrRaisedIntraocularPressure",
				"significantRespiratoryDiseaseOrOSA", "urinaryTractOrCystitisHistory", "currentPsychoticSymptoms",
				"primaryPsychoticDisorder", "pastPsychoticSymptoms", "currentManiaOrHypomania")) {
			values.put("clinical." + no, "false");
		}
		values.put("clinical.cardiovascularStatus", "NONE");
		values.put("clinical.hepaticImpairment", "NONE");
		values.put("clinical.substanceUseDisorderStatus", "NONE");
		values.put("clinical.ketaminePcpUse", "NONE");
		values.put("clinical.cognitiveStatus", "NORMAL");
		values.put("clinical.capacityToConsent", "true");
		values.put("clinical.benzodiazepineDiazepamEqMgPerDay", 0);
		values.put("clinical.cssrs.q1WishDead", "false");
		values.put("clinical.cssrs.q2ActiveThoughts", "false");
		values.put("clinical.cssrs.q6BehaviorLifetime", "false");
		JavascriptExecutor js = (JavascriptExecutor) driver;
		values.forEach((name, value) -> js.executeScript("""
				const el = document.querySelector('[name="' + arguments[0] + '"]');
				el.value = arguments[1];
				el.dispatchEvent(new Event('change', { bubbles: true }));
				""", name, String.valueOf(value)));
		for (String consent : List.of("consents.treatment", "consents.email")) {
			driver.findElement(By.name(consent)).click();
		}
		driver.findElement(By.cssSelector("input[name=med][value=SSRI]")).click();
		for (int i = 0; i < 9; i++) {
			if (phq9[i] >= 0) {
				driver.findElement(By.cssSelector("input[name='phq9." + i + "'][value='" + phq9[i] + "']")).click();
			}
		}
	}

	private void answer(WebDriver patient) {
		int[] items = { 2, 2, 2, 1, 1, 1, 1, 0, 2 };
		for (int i = 0; i < 9; i++) {
			patient.findElement(By.cssSelector("input[name='item" + i + "'][value='" + items[i] + "']")).click();
		}
		patient.findElement(By.cssSelector("input[name=nausea]")).click();
		patient.findElement(By.cssSelector("input[name=suicidalIntent][value=false]")).click();
		patient.findElement(By.cssSelector("input[name=suicidalPlan][value=false]")).click();
		patient.findElement(By.cssSelector("input[name=suicidalBehaviour][value=false]")).click();
	}

	/** Fails if any form control on the page has no label a screen reader would read. */
	private void accessible(WebDriver driver) {
		@SuppressWarnings("unchecked")
		List<String> unlabelled = (List<String>) ((JavascriptExecutor) driver).executeScript("""
				return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
				  .filter((el) => el.offsetParent !== null)
				  .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
				    && !(el.tagName === 'BUTTON' && el.textContent.trim()))
				  .map((el) => el.outerHTML.substring(0, 80));
				""");
		check(unlabelled.isEmpty(),
				"every visible control has a label on " + driver.getCurrentUrl() + ": " + unlabelled);
	}

	/**
	 * The newest check-in link in the patient's mailbox (POP3: user and password are the
	 * address).
	 */
	private String checkInLink(String address) throws Exception {
		Pattern link = Pattern.compile("https?://\\S+/checkin/[A-Za-z0-9_-]+");
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (System.nanoTime() < deadline) {
			String mail = pop3(address);
			Matcher matcher = link.matcher(mail.replace("=\r\n", "").replace("=\n", ""));
			String found = null;
			while (matcher.find()) {
				found = matcher.group();
			}
			if (found != null) {
				return found;
			}
			Thread.sleep(1000);
		}
		throw new AssertionError("no check-in email reached " + address);
	}

	private static String pop3(String address) throws IOException {
		int port = Integer.parseInt(setting("POP3_PORT", "3110"));
		try (Socket socket = new Socket("localhost", port);
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter out = new PrintWriter(
						new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), true)) {
			in.readLine();
			out.print("USER " + address + "\r\n");
			out.flush();
			in.readLine();
			out.print("PASS " + address + "\r\n");
			out.flush();
			if (!in.readLine().startsWith("+OK")) {
				return "";
			}
			out.print("STAT\r\n");
			out.flush();
			int count = Integer.parseInt(in.readLine().split(" ")[1]);
			StringBuilder all = new StringBuilder();
			for (int i = 1; i <= count; i++) {
				out.print("RETR " + i + "\r\n");
				out.flush();
				in.readLine();
				for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
					all.append(line).append('\n');
				}
			}
			out.print("QUIT\r\n");
			out.flush();
			return all.toString();
		}
	}

	/** The chair (row heading) of the patient's session on the day view, or null. */
	private static String chairOf(WebDriver driver, String family) {
		try {
			for (WebElement row : driver.findElements(By.cssSelector("#day-grid tbody tr"))) {
				for (WebElement cell : row.findElements(By.cssSelector("td.booked"))) {
					if (cell.getText().contains(family)) {
						return row.findElement(By.tagName("th")).getText();
					}
				}
			}
		}
		catch (StaleElementReferenceException rendering) {
			// drawn again while being read
		}
		return null;
	}

	private static WebElement rowWith(WebDriver driver, String rows, String text, String inner) {
		try {
			for (WebElement row : driver.findElements(By.cssSelector(rows))) {
				if (row.getText().contains(text) && !row.findElements(By.cssSelector(inner)).isEmpty()) {
					return row.findElement(By.cssSelector(inner));
				}
			}
		}
		catch (StaleElementReferenceException rendering) {
			// the list was drawn again while being read: look again on the next poll
		}
		return null;
	}

	/**
	 * Shows a tab again and again until a row with the text and the inner element
	 * appears; each time it reads the list only after the page had a moment to draw it.
	 */
	private WebElement afterRefresh(WebDriver driver, String tab, String rows, String text, String inner)
			throws IOException {
		return eventually(driver, () -> {
			driver.findElement(By.id(tab)).click();
			try {
				Thread.sleep(1500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return rowWith(driver, rows, text, inner);
		});
	}

	private WebElement eventually(WebDriver driver, java.util.function.Supplier<WebElement> find) throws IOException {
		try {
			return new WebDriverWait(driver, PATIENCE).pollingEvery(Duration.ofSeconds(2)).until((d) -> find.get());
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			screenshot(driver, "failed");
			throw ex;
		}
	}

	private static WebElement waitFor(WebDriver driver, By by) {
		try {
			return new WebDriverWait(driver, PATIENCE).until((Function<WebDriver, WebElement>) (d) -> {
				List<WebElement> found = d.findElements(by);
				return (!found.isEmpty() && found.get(0).isDisplayed()) ? found.get(0) : null;
			});
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new org.openqa.selenium.TimeoutException(
					"no " + by + " within " + PATIENCE.toSeconds() + " s; " + pageSaid(driver), ex);
		}
	}

	private static void waitForText(WebDriver driver, By by, String text) {
		try {
			new WebDriverWait(driver, PATIENCE).until((d) -> {
				List<WebElement> found = d.findElements(by);
				return !found.isEmpty() && found.get(0).getText().contains(text);
			});
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			List<WebElement> found = driver.findElements(by);
			throw new org.openqa.selenium.TimeoutException(
					"no \"" + text + "\" in " + by + " within " + PATIENCE.toSeconds() + " s (it says \""
							+ (found.isEmpty() ? "" : found.get(0).getText()) + "\"); " + pageSaid(driver),
					ex);
		}
	}

	/** What the page shows of its notices and field errors, to say why a wait failed. */
	/**
	 * Submits the intake form and waits for the referral to be accepted. When the page
	 * says the server did not answer (api.js gives up on a request after 45 s without any
	 * answer), the user tries again, as the notice asks: the form keeps its
	 * Idempotency-Key until a referral is accepted, so a second submit can never make a
	 * second referral. Any other outcome fails the journey with what the page said.
	 */
	private static WebElement submitIntake(WebDriver driver) {
		By accepted = By.cssSelector("#intake-status p.ok");
		By refused = By.cssSelector("#intake-status p.error");
		for (int click = 1;; click++) {
			// the last attempt's notice goes, so that only this one's answer counts
			((JavascriptExecutor) driver).executeScript("document.getElementById('intake-status').innerHTML = ''");
			driver.findElement(By.cssSelector("#intake-form button[type=submit]")).click();
			WebElement answer = waitFor(driver, By.cssSelector("#intake-status p.ok, #intake-status p.error"));
			if (!driver.findElements(accepted).isEmpty() && driver.findElements(accepted).get(0).isDisplayed()) {
				return driver.findElements(accepted).get(0);
			}
			String said = driver.findElements(refused).isEmpty() ? answer.getText()
					: driver.findElements(refused).get(0).getText();
			if (!said.contains("did not answer") || click == 3) {
				throw new IllegalStateException("the referral was not accepted: " + pageSaid(driver));
			}
			System.out.println("   the server did not answer the submit (" + click + "); submitting again");
		}
	}

	private static String pageSaid(WebDriver driver) {
		try {
			Object said = ((JavascriptExecutor) driver).executeScript(
					"""
							return location.pathname + location.hash + ': ' + Array.from(document.querySelectorAll(
							  '[role=alert], p.ok, p.error, .error, .field-error')).map((e) => e.textContent.trim())
							  .filter((t) => t).join(' | ')
							  + ' [' + document.querySelectorAll('button[type=submit]:disabled').length + ' submit button(s) busy]';""");
			return "the page at " + said;
		}
		catch (RuntimeException unreadable) {
			return "the page could not be read: " + unreadable.getClass().getSimpleName();
		}
	}

	private static void select(WebDriver driver, String css, String value) {
		((JavascriptExecutor) driver).executeScript("document.querySelector(arguments[0]).value = arguments[1]", css,
				value);
	}

	private void screenshot(WebDriver driver, String name) throws IOException {
		File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Path target = this.screenshots.resolve(String.format("%02d-%s.png", ++this.shot, name));
		Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
		System.out.println("   screenshot " + target);
	}

	private static void step(String text) {
		System.out.println(text);
	}

	private static void check(boolean condition, String what) {
		if (!condition) {
			throw new AssertionError("expected: " + what);
		}
	}

	/**
	 * A zone where it is day now, so the check-in email is not held back by quiet hours.
	 */
	private static String daytimeZone() {
		for (String zone : List.of("America/New_York", "America/Los_Angeles", "Pacific/Honolulu", "Pacific/Auckland",
				"Asia/Tokyo", "Asia/Kolkata", "Europe/Berlin", "Europe/London")) {
			int hour = ZonedDateTime.now(ZoneId.of(zone)).getHour();
			if (hour >= 10 && hour < 19) {
				return zone;
			}
		}
		return "UTC";
	}

	private static String setting(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
