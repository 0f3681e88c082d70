namespace EdgeAgent.Drivers.Printers;

public sealed partial class PrinterGroup
{
    private async Task RunPrinterAsync(PrinterSlot slot, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await StepAsync(slot, cancellationToken))
                {
                    await IdleAsync(slot, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A bug, not a printer problem: keep the worker alive, drop the link, and move the job it held on.
                LogWorkerFailed(ex, slot.Id);
                slot.Connection.Close();
                if (!await RecoverFromBugAsync(slot, ex, cancellationToken))
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> RecoverFromBugAsync(PrinterSlot slot, Exception exception, CancellationToken cancellationToken)
    {
        QueuedJob? interrupted;
        lock (_gate)
        {
            interrupted = slot.InFlight;
            slot.InFlight = null;
        }

        try
        {
            await FaultAsync(slot, PrinterFaults.ConnectionLost, PrinterLinkError.None, exception.Message, interrupted, cancellationToken);
            await IdleAsync(slot, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>One round: connect, ask status, confirm what was written, then write one job. True when the worker should wait.</summary>
    private async Task<bool> StepAsync(PrinterSlot slot, CancellationToken cancellationToken)
    {
        var events = new List<PrinterEvent>();
        if (!slot.Connection.IsConnected)
        {
            // Jobs written on a link that is gone can never be confirmed: an answer on a new connection proves nothing about them.
            lock (_gate)
            {
                ConfirmWritten(slot, confirmed: false, events);
            }

            await PublishAsync(events, cancellationToken);
            events.Clear();
            var connect = await slot.Connection.ConnectAsync(cancellationToken);
            if (!connect.IsOk)
            {
                await FaultAsync(slot, PrinterFaultMapping.FromLinkError(connect.Error), connect.Error, connect.Detail, null, cancellationToken);
                return true;
            }
        }

        // Always ask status before writing, also right after a wake: a job must not go to a printer that faulted while idle.
        var status = await slot.Connection.QueryStatusAsync(cancellationToken);
        Interlocked.Increment(ref _statusPolls);
        lock (_gate)
        {
            // Any answer on this connection means the printer read what was written before it.
            ConfirmWritten(slot, confirmed: status.IsOk || status.Error == PrinterLinkError.BadReply, events);
        }

        await PublishAsync(events, cancellationToken);
        events.Clear();
        if (!status.IsOk)
        {
            CountBadReply(status);
            await FaultAsync(slot, status.Faults, status.Error, status.Detail, null, cancellationToken);
            return true;
        }

        if (status.Status.Faults != PrinterFaults.None)
        {
            lock (_gate)
            {
                slot.LastStatus = status.Status;
            }

            await FaultAsync(slot, status.Status.Faults, PrinterLinkError.None, "status reports the fault", null, cancellationToken);
            return true;
        }

        QueuedJob? job;
        lock (_gate)
        {
            MarkHealthy(slot, status.Status, events);
            job = status.Status.BufferFull ? null : TakeNext(slot);
            slot.InFlight = job;
        }

        await PublishAsync(events, cancellationToken);
        return job is null || !await WriteAsync(slot, job, cancellationToken);
    }

    /// <summary>True when the job was written in full; else the printer is faulted and the job moved on.</summary>
    private async Task<bool> WriteAsync(PrinterSlot slot, QueuedJob job, CancellationToken cancellationToken)
    {
        var sent = await slot.Connection.SendAsync(job.Job.Zpl, cancellationToken);
        lock (_gate)
        {
            slot.InFlight = null;
            if (sent.IsOk)
            {
                slot.Written.Add(job);
                return true;
            }
        }

        // The write broke off: the format's closing ^XZ never went out whole, so the printer cannot have printed it.
        await FaultAsync(slot, PrinterFaultMapping.FromLinkError(sent.Error), sent.Error, sent.Detail, job, cancellationToken);
        return false;
    }

    private async Task FaultAsync(
        PrinterSlot slot, PrinterFaults faults, PrinterLinkError linkError, string? detail, QueuedJob? interrupted, CancellationToken cancellationToken)
    {
        if (linkError != PrinterLinkError.None)
        {
            Interlocked.Increment(ref _linkErrors[(int)linkError]);
            if (_logLimiter.ShouldLog($"link:{slot.Id}:{linkError}", out var suppressed))
            {
                LogLinkError(slot.Id, linkError, detail, suppressed);
            }
        }

        var events = new List<PrinterEvent>();
        lock (_gate)
        {
            MarkFaulted(slot, faults, detail, interrupted, events);
        }

        await PublishAsync(events, cancellationToken);
    }

    private void CountBadReply(StatusQueryResult status)
    {
        if (status.Error == PrinterLinkError.BadReply)
        {
            Interlocked.Increment(ref _badReplies[(int)status.ParseError]);
        }
    }

    private async Task IdleAsync(PrinterSlot slot, CancellationToken cancellationToken)
    {
        using var poll = new CancellationTokenSource(_options.PollInterval, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(poll.Token, cancellationToken);
        // The poll falls due inside the clock's tick (a fake clock's advance): from then on the worker counts as working.
        using var due = poll.Token.Register(static s => Volatile.Write(ref ((PrinterSlot)s!).Waiting, 0), slot);
        Volatile.Write(ref slot.Waiting, slot.Wake.Reader.TryPeek(out _) || poll.IsCancellationRequested ? 0 : 1);
        try
        {
            await slot.Wake.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a wake: time for the next status query.
        }
        finally
        {
            Volatile.Write(ref slot.Waiting, 0);
        }
    }
}
