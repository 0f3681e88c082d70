namespace EdgeAgent.Drivers.Printers;

// Queue moves. Every method here runs under _gate and only appends events; they are published after the lock is released.
public sealed partial class PrinterGroup
{
    /// <summary>The least busy printer known healthy, else one not yet polled; null if none.</summary>
    private PrinterSlot? PickTarget(PrinterSlot? exclude) =>
        _slots.Where(s => s != exclude && s.Healthy == true).MinBy(s => s.Queue.Count)
        ?? _slots.Where(s => s != exclude && s.Healthy is null).MinBy(s => s.Queue.Count);

    private void MarkFaulted(PrinterSlot slot, PrinterFaults faults, string? detail, QueuedJob? interrupted, List<PrinterEvent> events)
    {
        var changed = slot.Healthy != false || slot.Faults != faults;
        slot.Healthy = false;
        slot.Faults = faults;
        if (changed)
        {
            events.Add(new PrinterFaulted(Name, slot.Id, Now, faults, detail));
            LogFaulted(slot.Id, faults, detail);
        }

        if (interrupted is not null)
        {
            if (interrupted.Attempts >= _options.MaxAttempts)
            {
                Fail(interrupted, slot.Id, JobFailureReason.AttemptsExhausted, detail, events);
            }
            else
            {
                slot.Queue.AddFirst(interrupted);
            }
        }

        if (_options.RerouteOnFault)
        {
            MoveQueue(slot, faults, events);
        }
    }

    private void MoveQueue(PrinterSlot from, PrinterFaults reason, List<PrinterEvent> events)
    {
        // Parked jobs keep their order ahead of later submissions, so they go in front of what is parked already.
        var parkAt = _parked.First;
        while (from.Queue.First is { } node)
        {
            from.Queue.RemoveFirst();
            var target = PickTarget(exclude: from);
            if (target is null)
            {
                if (parkAt is null)
                {
                    _parked.AddLast(node.Value);
                }
                else
                {
                    _parked.AddBefore(parkAt, node.Value);
                }
            }
            else
            {
                target.Queue.AddLast(node.Value);
                target.Rouse();
            }

            Interlocked.Increment(ref _rerouted);
            events.Add(new JobRerouted(Name, target?.Id, from.Id, Now, node.Value.Job.Id, reason));
        }
    }

    private void MarkHealthy(PrinterSlot slot, PrinterStatus status, List<PrinterEvent> events)
    {
        slot.LastStatus = status;
        if (slot.Healthy == false)
        {
            events.Add(new PrinterRecovered(Name, slot.Id, Now, slot.Faults));
            LogRecovered(slot.Id, slot.Faults);
        }

        slot.Healthy = true;
        slot.Faults = PrinterFaults.None;
    }

    /// <summary>The next job for a healthy printer: its own queue first, then a parked one.</summary>
    private QueuedJob? TakeNext(PrinterSlot slot)
    {
        var queue = slot.Queue.Count > 0 ? slot.Queue : _parked;
        if (queue.First is not { } node)
        {
            return null;
        }

        queue.RemoveFirst();
        node.Value.Attempts++;
        return node.Value;
    }

    private void ConfirmWritten(PrinterSlot slot, bool confirmed, List<PrinterEvent> events)
    {
        foreach (var job in slot.Written)
        {
            _activeIds.Remove(job.Job.Id);
            Interlocked.Increment(ref _printed);
            events.Add(new JobPrinted(Name, slot.Id, Now, job.Job.Id, job.Attempts, confirmed));
        }

        slot.Written.Clear();
    }

    private void ExpireJobs(List<PrinterEvent> events)
    {
        var now = _timeProvider.GetTimestamp();
        foreach (var slot in _slots)
        {
            Expire(slot.Queue, slot.Id, now, events);
        }

        Expire(_parked, string.Empty, now, events);
    }

    private void Expire(LinkedList<QueuedJob> queue, string printerId, long now, List<PrinterEvent> events)
    {
        var node = queue.First;
        while (node is not null)
        {
            var next = node.Next;
            if (node.Value.Deadline <= now)
            {
                queue.Remove(node);
                Fail(node.Value, printerId, JobFailureReason.TimedOut, "no healthy printer took it in time", events);
            }

            node = next;
        }
    }

    private void Fail(QueuedJob job, string printerId, JobFailureReason reason, string? detail, List<PrinterEvent> events)
    {
        _activeIds.Remove(job.Job.Id);
        Interlocked.Increment(ref _failed);
        events.Add(new JobFailed(Name, printerId, Now, job.Job.Id, reason, job.Attempts, detail));
        LogJobFailed(job.Job.Id, printerId, reason, detail);
    }
}
