package org.ketaclinic.followup.web;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.followup.alert.StaffTask;
import org.ketaclinic.followup.alert.StaffTasks;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.web.InvalidRequestException;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The front desk's follow-up tasks: patients no channel reached, replies to read. */
@RestController
@RequestMapping(path = "/api/followup/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
class TaskController {

	private final StaffTasks tasks;

	private final AuditLog audit;

	TaskController(StaffTasks tasks, AuditLog audit) {
		this.tasks = tasks;
		this.audit = audit;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	List<StaffTask> list(@RequestParam(defaultValue = "OPEN") String status) {
		if (!List.of("OPEN", "DONE").contains(status)) {
			throw new InvalidRequestException("status", "must be OPEN or DONE");
		}
		List<StaffTask> found = this.tasks.withStatus(status);
		java.util.Set<UUID> seen = new java.util.HashSet<>();
		found.stream()
			.filter((task) -> seen.add(task.patientId()))
			.forEach((task) -> this.audit.record(task.clinicId(), task.patientId(), "FOLLOWUP_TASKS_LISTED",
					"tasks?status=" + status));
		return found;
	}

	@PostMapping("/{taskId}/completion")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	@Transactional
	StaffTask complete(@PathVariable UUID taskId, Principal caller) {
		StaffTask task = this.tasks.done(taskId, caller.getName());
		this.audit.recordChange(task.clinicId(), task.patientId(), "FOLLOWUP_TASK_DONE", "task/" + taskId);
		return task;
	}

}
