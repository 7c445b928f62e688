function Repair-RgJoin {
    <#
    .SYNOPSIS
        Starts the Automatic-Device-Join scheduled task (Start-RgScheduledTask), which registers the device
        again as SYSTEM. With LeaveAndJoin, runs `dsregcmd /leave` then `dsregcmd /join` instead, but only when
        the device is domain joined (a cloud-only join would be lost) and the domain controller answers on
        TCP 389; otherwise it logs why and starts the task. Neither exit code is trusted: the repair loop reads
        `dsregcmd /status` again afterwards.
    .PARAMETER Step
        The step: TaskPath, TaskName, LeaveAndJoin, DomainController.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    if ($Step.LeaveAndJoin) {
        $reason = ''
        $state = Get-RgJoinState
        $controller = [string]$Step.DomainController
        if (-not $state.Recognised) {
            $reason = $state.Failure
        }
        elseif ($state.DomainJoined -ne 'YES') {
            $reason = 'the device is not domain joined (' + $state.Text + '): dsregcmd /leave could remove a join that cannot be restored unattended'
        }
        else {
            if (-not $controller) {
                # The machine's primary DNS domain: its name resolves to the domain controllers in AD DNS.
                # %LOGONSERVER% and %USERDNSDOMAIN% belong to a user's logon session; SYSTEM has neither.
                $domain = Get-RgRegistryData -Hive 'HKLM' -SubKey 'SYSTEM\CurrentControlSet\Services\Tcpip\Parameters' -Name 'Domain'
                if ($domain.Exists) {
                    $controller = ([string]$domain.Value).Trim()
                }
            }
            if (-not $controller) {
                $reason = 'no domain controller to check: the device has no primary DNS domain and the step names none'
            }
            else {
                $ldap = Test-RgTcpEndpoint -HostName $controller -Port 389 -TimeoutMilliseconds 3000
                if (-not $ldap.Reachable) {
                    $reason = 'the domain controller ' + $controller + ':389 is not reachable (' + $ldap.Error + ')'
                }
            }
        }
        if (-not $reason) {
            Write-RgLog -Message ($Step.Id + ': ' + $controller + ':389 reachable; leaving and joining again')
            if ($PSCmdlet.ShouldProcess('device registration (dsregcmd /leave, then dsregcmd /join)', 'Leave and join Entra again')) {
                foreach ($verb in @('/leave', '/join')) {
                    $result = Invoke-RgNativeCommand -FilePath 'dsregcmd.exe' -ArgumentList @($verb) -TimeoutSeconds 300
                    Write-RgLog -Message ($Step.Id + ': dsregcmd ' + $verb + ' exit code ' + $result.ExitCode + ', timed out ' + $result.TimedOut + ' (not trusted: the state is read again)')
                }
            }
            return
        }
        Write-RgLog -Message ($Step.Id + ': dsregcmd /leave and /join not used: ' + $reason + '; starting the scheduled task instead') -Severity Warning
    }
    $task = [string]$Step.TaskPath + [string]$Step.TaskName
    if ($PSCmdlet.ShouldProcess('scheduled task ' + $task, 'Start')) {
        $started = Start-RgScheduledTask -TaskPath ([string]$Step.TaskPath) -TaskName ([string]$Step.TaskName)
        if (-not $started.Started) {
            throw ('could not start the scheduled task ' + $task + ': ' + $started.Error)
        }
        Write-RgLog -Message ($Step.Id + ': started the scheduled task ' + $task + ' (it registers the device on its own; the state is read again)')
    }
}
