function Set-RgShortcutState {
    <#
    .SYNOPSIS
        Deletes the shortcut (Remove-RgFileItem) or creates or corrects it (Set-RgShortcut), through ShouldProcess.
    .PARAMETER Step
        The step: Folder, Name, Want, TargetPath, Arguments, WorkingDirectory, IconLocation, Description.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $plan = Get-RgShortcutPlan -Step $Step
    if ($Step.Want -eq 'Absent') {
        if ($plan.Found.Exists -and $PSCmdlet.ShouldProcess('shortcut ' + $plan.Path, 'Delete')) {
            Remove-RgFileItem -Path $plan.Path
            Write-RgLog -Message ($Step.Id + ': deleted ' + $plan.Path)
        }
        return
    }
    $verb = 'Create'
    $done = 'created'
    if ($plan.Found.Exists) {
        $verb = 'Correct'
        $done = 'corrected'
    }
    if ($PSCmdlet.ShouldProcess('shortcut ' + $plan.Path, $verb + ' (to ' + $plan.Wanted.TargetPath + ')')) {
        $wanted = $plan.Wanted
        Set-RgShortcut -Path $plan.Path -TargetPath $wanted.TargetPath -Arguments $wanted.Arguments -WorkingDirectory $wanted.WorkingDirectory -IconLocation $wanted.IconLocation -Description $wanted.Description
        Write-RgLog -Message ($Step.Id + ': ' + $done + ' ' + $plan.Path + ' to ' + $wanted.TargetPath)
    }
}
